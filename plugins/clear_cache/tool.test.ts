import type { Harness } from '../../test/helpers/harness.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { CacheReport } from '../../src/testio/services/cache-service.js';

describe('clear_cache against the sandbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('empties the cache so the next question goes to the API again; a second clear removes nothing', async () => {
    await h.call('get_test_status', { test_id: 109363 });
    await h.call('list_products');
    const entries = structured<CacheReport>(await h.call('get_cache_stats')).overall.entries;
    expect(entries).toBeGreaterThanOrEqual(3);

    const result = await h.call('clear_cache');
    expect(structured<{ cleared_entries: number }>(result).cleared_entries).toBe(entries);
    expect(h.text(result)).toContain(`Cache cleared: ${entries} entries removed`);
    expect(structured<CacheReport>(await h.call('get_cache_stats')).overall.entries).toBe(0);

    const served = h.sandbox!.stats().requests;
    await h.call('get_test_status', { test_id: 109363 });
    expect(h.sandbox!.stats().requests).toBe(served + 2);

    await h.call('clear_cache');
    expect(structured<{ cleared_entries: number }>(await h.call('clear_cache')).cleared_entries).toBe(0);
  });

  it('is advertised as changing state but neither destructive nor open-world', async () => {
    const tool = (await h.client.listTools()).tools.find((t) => t.name === 'clear_cache')!;
    expect(tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    const bad = await h.call('clear_cache', { kind: 'bugs' });
    expect(bad.isError).toBe(true);
    expect(h.text(bad)).toMatch(/Unknown parameter "kind"/);
  });
});
