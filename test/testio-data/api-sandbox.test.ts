/**
 * The typed API over real HTTP against the sandbox: paging, batching, coalescing, retries under
 * injected faults, error messages, redaction and caching, counted with the sandbox's own stats.
 */
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import type { Config } from '../../src/platform/config.js';
import type { TestioApiOptions } from '../../src/testio/data/api.js';
import type { HttpClientOptions } from '../../src/testio/data/http-client.js';
import { captureLogger, makeConfig, makeStack, rejection, type Stack } from './helpers.js';

const PRODUCT = 25073;
const TEST = 109363;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const useTheSandbox = useSandbox();
let sandbox: SandboxHandle;
const stacks: Stack[] = [];
beforeAll(() => {
  sandbox = useTheSandbox();
});

afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

function stack(overrides: Partial<Config> = {}, options: { http?: HttpClientOptions; api?: TestioApiOptions; logger?: ReturnType<typeof captureLogger>['logger'] } = {}): Stack {
  const created = makeStack(makeConfig({ baseUrl: sandbox.baseUrl, token: sandbox.token, ...overrides }), options);
  stacks.push(created);
  return created;
}

const served = () => sandbox.stats().requests;
const productTests = () => sandbox.data.tests.filter((t) => t.product.id === PRODUCT);
const bugsOf = (testId: number) => sandbox.data.bugs.filter((b) => b.test.id === testId);

describe('TestioApi against the sandbox', () => {
  it('lists every test of a product across pages, newest first', async () => {
    const { api } = stack({}, { api: { testsPerPage: 10 } });
    const expected = productTests();
    expect(expected.length).toBeGreaterThanOrEqual(30);
    const tests = await api.listTests(PRODUCT);
    expect(tests.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
    // Pages of 10, then the empty page that ends the listing.
    expect(served()).toBe(Math.ceil(expected.length / 10) + 1);
    const starts = tests.map((t) => Date.parse(t.start_at ?? ''));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(tests.every((t) => t.title === t.test_title)).toBe(true);
  });

  it('reads one test and its bugs', async () => {
    const { api } = stack();
    const test = await api.getTest(TEST);
    expect(test.id).toBe(TEST);
    const bugs = await api.listBugs(TEST);
    expect(bugs.length).toBeGreaterThanOrEqual(25);
    expect(bugs.map((b) => b.id).sort()).toEqual(bugsOf(TEST).map((b) => b.id).sort());
    expect(bugs.every((b) => Array.isArray(b.steps))).toBe(true);
  });

  it('batches bugs of 20 tests into 2 calls and never refetches a cached test', async () => {
    const { api } = stack();
    const ids = productTests()
      .slice(0, 21)
      .map((t) => t.id);
    await api.listBugs(ids[20]);
    sandbox.resetStats();
    const byTest = await api.listBugsForTests(ids.slice(0, 20));
    expect(served()).toBe(2);
    for (const id of ids.slice(0, 20)) {
      expect(byTest.get(id)?.map((b) => b.id).sort()).toEqual(bugsOf(id).map((b) => b.id).sort());
    }
    sandbox.resetStats();
    const again = await api.listBugsForTests(ids);
    expect(served()).toBe(0);
    expect(again.size).toBe(21);
    expect(api.cacheStats().kinds.bugs.entries).toBe(21);
  });

  it('coalesces concurrent identical requests into one upstream call', async () => {
    sandbox.setLatency(150);
    const { api, http } = stack({ cacheTtlTests: 0 });
    const results = await Promise.all(Array.from({ length: 8 }, () => api.getTest(TEST)));
    expect(results.every((t) => t.id === TEST)).toBe(true);
    expect(served()).toBe(1);
    expect(http.requestCount()).toBe(1);
    // The client itself, below the cache: identical GETs share one request too.
    sandbox.resetStats();
    await Promise.all(Array.from({ length: 8 }, () => http.get('/products')));
    expect(served()).toBe(1);
  });

  it('retries injected faults and still answers', async () => {
    sandbox.setFaultRate(0.3);
    const { api } = stack({ cacheTtlBugs: 0 }, { http: { maxAttempts: 8, budgetMs: 20_000 }, api: { bugBatchSize: 1 } });
    const ids = productTests()
      .slice(0, 8)
      .map((t) => t.id);
    const byTest = await api.listBugsForTests(ids);
    expect(byTest.size).toBe(8);
    const stats = sandbox.stats();
    expect(stats.faults).toBeGreaterThan(0);
    expect(stats.requests).toBe(8 + stats.faults);
    expect(api.requestCount()).toBe(stats.requests);
  }, 25_000);

  it('waits as long as the sandbox Retry-After asks before retrying a 429', async () => {
    sandbox.setFaultRate(1);
    // Faults are drawn 429 or 5xx; run until a 429 came before the last attempt.
    for (let run = 0; run < 5; run += 1) {
      const { logger, lines } = captureLogger();
      const { http } = stack({}, { logger, http: { maxAttempts: 3, budgetMs: 10_000 } });
      const started = Date.now();
      await rejection(http.get('/products'));
      const elapsed = Date.now() - started;
      const statuses = lines.map((line) => JSON.parse(line) as { message: string; status?: unknown }).filter((l) => l.message === 'TestIO API request').map((l) => l.status);
      expect(statuses).toHaveLength(3);
      const waited429 = statuses.slice(0, -1).filter((status) => status === 429).length;
      if (waited429 === 0) continue;
      expect(elapsed).toBeGreaterThanOrEqual(waited429 * 1000 - 20);
      return;
    }
    throw new Error('no 429 in five runs of faults');
  }, 20_000);

  it('fails in bounded time when every call faults', async () => {
    sandbox.setFaultRate(1);
    const { api } = stack({}, { http: { budgetMs: 3_000 } });
    const started = Date.now();
    const error = await rejection(api.listProducts());
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(['rate_limited', 'upstream']).toContain(error.toolErrorKind);
    expect(sandbox.stats().faults).toBe(served());
  });

  it('names the entity and id on a 404', async () => {
    const { api } = stack();
    const test = await rejection(api.getTest(999_999_999));
    expect(test.toolErrorKind).toBe('not_found');
    expect(test.message).toBe('Test 999999999 was not found.');
    const product = await rejection(api.getProduct(999_999));
    expect(product.message).toBe('Product 999999 was not found.');
    expect((await rejection(api.listTests(999_999))).message).toBe('Product 999999 was not found.');
  });

  it('reports a wrong token as an auth error, without retrying or leaking it', async () => {
    const { logger, lines } = captureLogger();
    const wrong = 'wrong_token_abcdefgh123456';
    const { api } = stack({ token: wrong }, { logger });
    const error = await rejection(api.listProducts());
    expect(error.toolErrorKind).toBe('auth');
    expect(error.message).toContain('The TestIO API rejected the token (HTTP 401). Check TESTIO_CUSTOMER_API_TOKEN');
    expect(served()).toBe(1);
    expect(error.message).not.toContain(wrong);
    expect(lines.join('')).not.toContain(wrong);
  });

  it('logs method, path, status, attempt and duration at DEBUG, never the token', async () => {
    const { logger, lines } = captureLogger();
    const { api } = stack({}, { logger });
    await api.getTest(TEST);
    await rejection(api.getTest(999_999_999));
    const text = lines.join('');
    expect(text).toContain(`"path":"/exploratory_tests/${TEST}"`);
    expect(text).toContain('"status":200');
    expect(text).toContain('"status":404');
    expect(text).toContain('"method":"GET"');
    expect(text).not.toContain(sandbox.token);
  });

  it('answers a repeated question from the cache, with per-kind stats', async () => {
    const { api } = stack();
    await api.listProducts();
    await api.listTests(PRODUCT);
    await api.listBugs(TEST);
    const before = served();
    await api.listProducts();
    await api.listTests(PRODUCT);
    await api.listBugs(TEST);
    await api.getProduct(PRODUCT);
    expect(served()).toBe(before);
    const stats = api.cacheStats();
    expect(stats.kinds.products).toMatchObject({ hits: 1, misses: 1, entries: 1 });
    expect(stats.kinds.tests).toMatchObject({ hits: 1, misses: 1, entries: 1 });
    expect(stats.kinds.bugs).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, entries: 1 });
    expect(stats.overall).toMatchObject({ hits: 3, misses: 3, hitRate: 0.5, entries: 3 });
  });

  it('expires entries after their TTL', async () => {
    const { api } = stack({ cacheTtlProducts: 0.2 });
    await api.listProducts();
    await sleep(300);
    await api.listProducts();
    expect(served()).toBe(2);
    expect(api.cacheStats().kinds.products.evictions).toBe(1);
  });

  it('clears on demand, saying how many entries went', async () => {
    const { api } = stack();
    await api.listProducts();
    await api.listBugs(TEST);
    expect(await api.clearCache()).toBe(2);
    expect(api.cacheStats().overall).toMatchObject({ entries: 0, evictions: 2 });
    await api.listProducts();
    expect(served()).toBe(3);
  });

  it('keeps archived and cancelled tests (and their bugs) longer', async () => {
    const { api } = stack({ cacheTtlTests: 0.2, cacheTtlBugs: 0.2 }, { api: { immutableTtlSeconds: 60 } });
    const archived = sandbox.data.tests.find((t) => t.status === 'archived');
    const running = sandbox.data.tests.find((t) => t.status === 'running');
    if (!archived || !running) throw new Error('sandbox lacks an archived or running test');
    await api.getTest(archived.id);
    await api.getTest(running.id);
    await api.listBugs(archived.id);
    await sleep(300);
    sandbox.resetStats();
    await api.getTest(archived.id);
    await api.listBugs(archived.id);
    await api.getTest(running.id);
    expect(served()).toBe(1);
  });

  it('checks the connection with an uncached call', async () => {
    const { api } = stack();
    const first = await api.checkConnection();
    await api.checkConnection();
    expect(first.latencyMs).toBeGreaterThanOrEqual(0);
    expect(served()).toBe(2);
  });

  it('stops promptly when the caller cancels', async () => {
    sandbox.setLatency(3_000);
    const { api } = stack();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection(api.listTests(PRODUCT, controller.signal));
    // The first page alone would take 3 s.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(error.toolErrorKind).toBe('cancelled');
  });
});
