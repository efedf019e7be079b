/**
 * get_server_diagnostics through a real MCP client: API reachability, the store's rows, and pages
 * that keep failing (a proxy in front of the sandbox fails them) recorded, reported and resolved
 * by the next sync.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../../test/helpers/harness.js';
import { startFailingProxy, type FailingProxy } from '../../test/helpers/failing-proxy.js';
import { useSandbox } from '../../test/helpers/sandbox.js';

const sandbox = useSandbox();
let proxy: FailingProxy;
let h: Harness;

beforeAll(async () => {
  proxy = await startFailingProxy(sandbox().baseUrl);
  h = await startHarness({ api: { baseUrl: proxy.baseUrl, token: sandbox().token } });
});
afterAll(async () => {
  await h?.close();
  await proxy?.close();
});
beforeEach(() => {
  proxy.failWhen = undefined;
});

interface SyncOut {
  products: Array<{ product_id: number; mode: string; tests_listed: number; tests_new: number; bugs_written: number; complete: boolean; failures: Array<{ what: string }> }>;
  errors: unknown[];
  since: { from: string; resolved: string } | null;
  totals: { failed_pages: number; bugs_written: number };
}
const out = <T>(result: CallToolResult) => result.structuredContent as T;

describe('get_server_diagnostics', () => {
  it('records pages that keep failing, reports them in diagnostics, and resolves them on the next sync', async () => {
    // Product 24105: its first test page fails at every size; product 25089: the bugs of one test fail.
    const victim = sandbox().data.tests.find((t) => t.product.id === 25089)!.id;
    proxy.failWhen = (url) =>
      (url.pathname.endsWith('/products/24105/exploratory_tests') && url.searchParams.get('page') === '1') ||
      (url.pathname.endsWith('/bugs') && (url.searchParams.get('filter_test_cycle_ids') ?? '').split(',').includes(String(victim)));
    const failing = out<SyncOut>(await h.call('sync_data', { product_ids: [24105, 25089] }));
    const [listing, bugs] = failing.products;
    expect(listing!.complete).toBe(false);
    expect(listing!.failures.map((f) => f.what)).toEqual(['tests page 1 (per_page 32)']);
    expect(bugs!.complete).toBe(true);
    expect(bugs!.failures.map((f) => f.what)).toEqual([`bugs of test ${victim}`]);

    const diagnostics = await h.call('get_server_diagnostics');
    expect(diagnostics.isError).toBeFalsy();
    const d = out<{ failed_pages: Array<{ product_id: number; what: string; attempts: number }>; api: { reachable: boolean }; store: { rows: Record<string, number>; dialect: string } }>(diagnostics);
    expect(d.api.reachable).toBe(true);
    expect(d.store.dialect).toBe('sqlite');
    expect(d.failed_pages.map((f) => [f.product_id, f.what])).toEqual([
      [24105, 'tests page 1 (per_page 32)'],
      [25089, `bugs of test ${victim}`],
    ]);
    expect(h.text(diagnostics)).toMatch(/2 pages keep failing/);

    proxy.failWhen = undefined;
    const healed = out<SyncOut>(await h.call('sync_data', { product_ids: [24105, 25089] }));
    expect(healed.products.map((p) => [p.product_id, p.mode, p.complete, p.failures.length])).toEqual([
      [24105, 'first', true, 0],
      [25089, 'incremental', true, 0],
    ]);
    const after = out<{ failed_pages: unknown[]; products: Array<{ product_id: number; tests: number; bugs: number }> }>(await h.call('get_server_diagnostics'));
    expect(after.failed_pages).toEqual([]);
    const data = sandbox().data;
    for (const id of [24105, 25089]) {
      expect(after.products.find((p) => p.product_id === id)).toMatchObject({
        tests: data.tests.filter((t) => t.product.id === id).length,
        bugs: data.bugs.filter((b) => b.product.id === id).length,
      });
    }
  });

  it('without a token: the API is reported unreachable with the fix, the store still answers, sync_data refuses', async () => {
    const bare = await startHarness();
    try {
      const result = await bare.call('get_server_diagnostics');
      expect(result.isError).toBeFalsy();
      const d = out<{ api: { reachable: boolean; error: string }; store: { rows: Record<string, number> } }>(result);
      expect(d.api.reachable).toBe(false);
      expect(d.api.error).toMatch(/TESTIO_CUSTOMER_API_TOKEN/);
      expect(d.store.rows.tests).toBe(0);
      expect(bare.text(result)).toMatch(/Nothing is synced yet/);
      const sync = await bare.call('sync_data');
      expect(sync.isError).toBe(true);
      expect(bare.text(sync)).toMatch(/TESTIO_CUSTOMER_API_TOKEN/);
    } finally {
      await bare.close();
    }
  });
});
