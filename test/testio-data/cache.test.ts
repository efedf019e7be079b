import { TestioCache } from '../../src/testio/data/cache.js';
import { makeConfig } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TestioCache', () => {
  it('serves a repeated lookup from the cache and counts per kind', async () => {
    const cache = new TestioCache({ config: makeConfig() });
    expect(cache.stats().overall.hitRate).toBeNull();
    let loads = 0;
    const loader = async () => ({ n: ++loads });
    await cache.getOrLoad('products', 'all', loader);
    await cache.getOrLoad('products', 'all', loader);
    await cache.getOrLoad('bugs', 'test:1', loader);
    expect(loads).toBe(2);
    const stats = cache.stats();
    expect(stats.kinds.products).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, entries: 1, evictions: 0, ttlSeconds: 3600 });
    expect(stats.kinds.bugs).toMatchObject({ hits: 0, misses: 1, hitRate: 0, entries: 1 });
    expect(stats.kinds.tests).toMatchObject({ hits: 0, misses: 0, hitRate: null, entries: 0 });
    expect(stats.overall).toEqual({ hits: 1, misses: 2, hitRate: 1 / 3, entries: 2, evictions: 0 });
  });

  it('a warm-up counts nothing and stores nothing', () => {
    const cache = new TestioCache({ config: makeConfig() });
    cache.warmUp();
    expect(cache.stats().overall).toEqual({ hits: 0, misses: 0, hitRate: null, entries: 0, evictions: 0 });
  });

  it('expires entries after the kind TTL and counts the eviction', async () => {
    const cache = new TestioCache({ config: makeConfig({ cacheTtlBugs: 0.15 }) });
    let loads = 0;
    const loader = async () => ++loads;
    await cache.getOrLoad('bugs', 'k', loader);
    await cache.getOrLoad('bugs', 'k', loader);
    expect(loads).toBe(1);
    await sleep(250);
    expect(cache.stats().kinds.bugs).toMatchObject({ entries: 0, evictions: 1 });
    await cache.getOrLoad('bugs', 'k', loader);
    expect(loads).toBe(2);
  });

  it('a TTL of 0 turns a kind off, overrides included', async () => {
    const cache = new TestioCache({ config: makeConfig({ cacheTtlTests: 0 }) });
    let loads = 0;
    await cache.getOrLoad('tests', 'k', async () => ++loads, 3600);
    await cache.getOrLoad('tests', 'k', async () => ++loads, 3600);
    expect(loads).toBe(2);
    expect(cache.stats().kinds.tests.entries).toBe(0);
  });

  it('an override decided from the value keeps immutable data longer', async () => {
    const cache = new TestioCache({ config: makeConfig({ cacheTtlTests: 0.1 }) });
    const ttl = (value: { status: string }) => (value.status === 'archived' ? 60 : undefined);
    await cache.getOrLoad('tests', 'old', async () => ({ status: 'archived' }), ttl);
    await cache.getOrLoad('tests', 'new', async () => ({ status: 'running' }), ttl);
    await sleep(200);
    expect(cache.peek('tests', 'old')).toEqual({ status: 'archived' });
    expect(cache.peek('tests', 'new')).toBeUndefined();
  });

  it('clear removes everything and says how many entries went', async () => {
    const cache = new TestioCache({ config: makeConfig() });
    await cache.getOrLoad('products', 'a', async () => 1);
    await cache.getOrLoad('tests', 'b', async () => 2);
    await cache.getOrLoad('bugs', 'c', async () => 3);
    expect(await cache.clear()).toBe(3);
    expect(cache.stats().overall).toMatchObject({ entries: 0, evictions: 3 });
    expect(await cache.clear()).toBe(0);
  });

  it('concurrent loads of one key share one loader run', async () => {
    const cache = new TestioCache({ config: makeConfig() });
    let loads = 0;
    const loader = async () => {
      loads += 1;
      await sleep(50);
      return 'v';
    };
    const values = await Promise.all([1, 2, 3].map(() => cache.getOrLoad('tests', 'same', loader)));
    expect(values).toEqual(['v', 'v', 'v']);
    expect(loads).toBe(1);
  });

  it('a failed load is not cached', async () => {
    const cache = new TestioCache({ config: makeConfig() });
    await expect(cache.getOrLoad('tests', 'x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(cache.getOrLoad('tests', 'x', async () => 'ok')).resolves.toBe('ok');
  });
});
