/**
 * sync_data through a real MCP client against the sandbox (behind a proxy that can fail chosen
 * requests): progress per product, the `since` phrases and their errors, unknown products.
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

describe('sync_data', () => {
  it('syncs the products asked for, with a progress notification per product', async () => {
    const progress: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = (await h.client.callTool({ name: 'sync_data', arguments: { product_ids: [25073, '23310'] } }, undefined, {
      timeout: 120_000,
      onprogress: (p) => progress.push(p),
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const body = out<SyncOut>(result);
    expect(body.products.map((p) => [p.product_id, p.mode, p.complete])).toEqual([
      [25073, 'first', true],
      [23310, 'first', true],
    ]);
    const data = sandbox().data;
    expect(body.totals.bugs_written).toBe(data.bugs.filter((b) => b.product.id === 25073 || b.product.id === 23310).length);
    expect(progress.map((p) => [p.progress, p.total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(progress.every((p) => /Acme|\(\d+\): first sync/.test(p.message ?? ''))).toBe(true);
    expect(h.text(result)).toMatch(/## Synced 2 products/);
  });

  it('reads since as every date parameter does, and names it when it cannot', async () => {
    const ok = out<SyncOut>(await h.call('sync_data', { product_ids: [25073], since: '3 months ago' }));
    expect(ok.since?.resolved).toMatch(/^since "3 months ago" → .* until now/);
    const bad = await h.call('sync_data', { since: 'the other day' });
    expect(bad.isError).toBe(true);
    expect(h.text(bad)).toMatch(/since/);
    expect(h.text(bad)).toMatch(/Accepted forms/);
  });

  it('refuses a product the token cannot see, naming product_ids', async () => {
    const bad = await h.call('sync_data', { product_ids: [999999] });
    expect(bad.isError).toBe(true);
    expect(h.text(bad)).toMatch(/product_ids: 999999 is not among the products/);
  });
});
