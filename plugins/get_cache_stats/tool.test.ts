import type { Harness } from '../../test/helpers/harness.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { CacheReport } from '../../src/testio/services/cache-service.js';

describe('get_cache_stats against the sandbox', () => {
  let h: Harness;
  const stats = async () => structured<CacheReport>(await h.call('get_cache_stats'));
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('counts a miss then a hit, with each kind\'s TTL and the requests the sandbox served', async () => {
    const before = await stats();
    expect(before.overall).toMatchObject({ hits: 0, misses: 0, hit_rate: null, entries: 0 });
    expect(before.by_kind.products.ttl_seconds).toBe(3600);
    expect(before.by_kind.tests.ttl_seconds).toBe(300);
    expect(before.by_kind.bugs.ttl_seconds).toBe(60);

    await h.call('get_test_status', { test_id: 109363 });
    await h.call('get_test_status', { test_id: 109363 });
    const after = await stats();
    expect(after.by_kind.tests).toMatchObject({ misses: 1, hits: 1, hit_rate: 0.5, entries: 1 });
    expect(after.by_kind.bugs).toMatchObject({ misses: 1, hits: 1, entries: 1 });
    expect(after.overall.hits).toBe(after.by_kind.products.hits + after.by_kind.tests.hits + after.by_kind.bugs.hits);
    expect(after.api_requests).toBe(h.sandbox!.stats().requests);
    expect(after.api_requests).toBe(2);

    const text = h.text(await h.call('get_cache_stats'));
    expect(text).toMatch(/^## Cache: \d+\.\d% hit rate, 2 entries/);
    expect(text).toContain('| tests | 1 | 1 | 50.0% | 1 | 0 | 300 s |');
  });

  it('takes no arguments', async () => {
    const result = await h.call('get_cache_stats', { kind: 'bugs' });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/Unknown parameter "kind"/);
  });
});
