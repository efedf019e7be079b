/**
 * The typed, cached TestIO Customer API the services call. It knows the endpoints, their
 * envelopes and paging, which entity a 404 is about, and how long each answer may be cached.
 */
import type { Config } from '../../platform/config.js';
import { isToolError, NotFoundError, UserInputError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { CacheStats, TestioCache } from './cache.js';
import { readList, readLongList, readOne, type AnswerLabel } from './envelope.js';
import type { QueryValue, TestioHttp } from './http-client.js';
import {
  BugSchema,
  ExploratoryTestSchema,
  IMMUTABLE_TEST_STATUSES,
  ProductSchema,
  type Bug,
  type ExploratoryTest,
  type Product,
} from './schemas.js';

export interface TestioApiCradle {
  config: Config;
  logger: Logger;
  testioHttp: TestioHttp;
  testioCache: TestioCache;
}

export interface TestioApiOptions {
  /** Seconds archived/cancelled tests and their bugs stay cached (never less than the kind's TTL). */
  immutableTtlSeconds?: number;
  /** `per_page` when listing tests. */
  testsPerPage?: number;
  /** Stop paging here even if pages keep coming (5,000 tests at 100 a page). */
  maxTestPages?: number;
  /** Test ids per `filter_test_cycle_ids` call. */
  bugBatchSize?: number;
}

const HINT_PRODUCT = 'Call list_products to see the product IDs this token can access.';
export const HINT_TEST = 'Call list_tests with a product_id to see the test IDs of that product.';

const isImmutable = (test: Pick<ExploratoryTest, 'status'>) => IMMUTABLE_TEST_STATUSES.includes(test.status);

function requireId(value: number, parameter: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new UserInputError(parameter, `"${parameter}" must be a positive whole number (got ${String(value)}).`);
  }
}

/** Rethrows an upstream 404 as "<Entity> <id> was not found". */
export async function naming404<T>(entity: string, id: number, hint: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isToolError(error) && error.toolErrorKind === 'not_found') throw new NotFoundError(entity, id, hint);
    throw error;
  }
}

/** Start time in ms; tests without a readable one sort last. */
function startTime(test: ExploratoryTest): number {
  const time = test.start_at ? Date.parse(test.start_at) : NaN;
  return Number.isNaN(time) ? -Infinity : time;
}

/** Newest first: latest start first, then the higher (newer) id. */
function newestFirst(a: ExploratoryTest, b: ExploratoryTest): number {
  const byStart = startTime(b) - startTime(a);
  return byStart !== 0 && !Number.isNaN(byStart) ? byStart : b.id - a.id;
}

export class TestioApi {
  private readonly http: TestioHttp;
  private readonly cache: TestioCache;
  private readonly logger: Logger;
  private readonly immutableTtl: number;
  private readonly perPage: number;
  private readonly maxPages: number;
  private readonly batchSize: number;
  /** Tests seen archived or cancelled: their bugs may stay cached longer. */
  private readonly immutableTests = new Set<number>();

  constructor({ logger, testioHttp, testioCache }: TestioApiCradle, options: TestioApiOptions = {}) {
    this.http = testioHttp;
    this.cache = testioCache;
    this.logger = logger;
    this.immutableTtl = options.immutableTtlSeconds ?? 3600;
    this.perPage = options.testsPerPage ?? 100;
    this.maxPages = options.maxTestPages ?? 50;
    this.batchSize = Math.max(1, options.bugBatchSize ?? 15);
  }

  async listProducts(signal?: AbortSignal): Promise<Product[]> {
    const products = await this.cache.getOrLoad('products', 'all', (shared) => this.fetchProducts(shared), undefined, signal);
    return products.slice();
  }

  async getProduct(productId: number, signal?: AbortSignal): Promise<Product> {
    requireId(productId, 'product_id');
    const listed = this.cache.peek<Product[]>('products', 'all')?.find((product) => product.id === productId);
    if (listed) return listed;
    return this.cache.getOrLoad(
      'products',
      `product:${productId}`,
      (shared) =>
        naming404('Product', productId, HINT_PRODUCT, async () => {
          const path = `/products/${productId}`;
          const body = await this.http.get(path, { signal: shared });
          return readOne(body, 'product', ProductSchema, this.label(path, 'product'));
        }),
      undefined,
      signal,
    );
  }

  /** Every test of a product, newest first, fetched page by page until an empty page. */
  async listTests(productId: number, signal?: AbortSignal): Promise<ExploratoryTest[]> {
    requireId(productId, 'product_id');
    const tests = await this.cache.getOrLoad(
      'tests',
      `product:${productId}:tests`,
      (shared) => naming404('Product', productId, HINT_PRODUCT, () => this.fetchAllTests(productId, shared)),
      undefined,
      signal,
    );
    return tests.slice();
  }

  async getTest(testId: number, signal?: AbortSignal): Promise<ExploratoryTest> {
    requireId(testId, 'test_id');
    return this.cache.getOrLoad(
      'tests',
      `test:${testId}`,
      (shared) =>
        naming404('Test', testId, HINT_TEST, async () => {
          const path = `/exploratory_tests/${testId}`;
          const body = await this.http.get(path, { signal: shared });
          const test = readOne(body, 'exploratory_test', ExploratoryTestSchema, this.label(path, 'exploratory test'));
          this.noteStatus(test);
          return test;
        }),
      (test) => this.ttlFor('tests', isImmutable(test)),
      signal,
    );
  }

  async listBugs(testId: number, signal?: AbortSignal): Promise<Bug[]> {
    requireId(testId, 'test_id');
    const bugs = await this.cache.getOrLoad(
      'bugs',
      bugKey(testId),
      async (shared) => (await this.fetchBugs([testId], shared)).get(testId) ?? [],
      () => this.ttlFor('bugs', this.immutableTests.has(testId)),
      signal,
    );
    return bugs.slice();
  }

  /**
   * Bugs of many tests: cached tests are served from the cache, the rest fetched in batches of
   * `filter_test_cycle_ids` (in parallel, under the client's global limit) and cached per test.
   */
  async listBugsForTests(testIds: number[], signal?: AbortSignal): Promise<Map<number, Bug[]>> {
    const unique = [...new Set(testIds)];
    unique.forEach((id) => requireId(id, 'test_ids'));
    const found = new Map<number, Bug[]>();
    const missing: number[] = [];
    const cached = await this.cache.lookupMany<Bug[]>('bugs', unique.map(bugKey));
    unique.forEach((id, i) => {
      const bugs = cached[i];
      if (bugs) found.set(id, bugs);
      else missing.push(id);
    });
    const batches: number[][] = [];
    for (let i = 0; i < missing.length; i += this.batchSize) batches.push(missing.slice(i, i + this.batchSize));
    const fetched = await Promise.all(batches.map((batch) => this.fetchBugs(batch, signal)));
    for (const byTest of fetched) {
      for (const [id, bugs] of byTest) {
        this.cache.set('bugs', bugKey(id), bugs, () => this.ttlFor('bugs', this.immutableTests.has(id)));
        found.set(id, bugs);
      }
    }
    // In the caller's order, each list a copy the caller may sort.
    return new Map(unique.map((id) => [id, (found.get(id) ?? []).slice()]));
  }

  /** A cheap, uncached, authenticated call: proves the URL and token work, and how fast. */
  async checkConnection(signal?: AbortSignal): Promise<{ latencyMs: number }> {
    const started = performance.now();
    await this.http.get('/bugs/reject_reasons', { signal, maxAttempts: 2 });
    return { latencyMs: Math.round(performance.now() - started) };
  }

  cacheStats(): CacheStats {
    return this.cache.stats();
  }

  async clearCache(): Promise<number> {
    this.immutableTests.clear();
    return this.cache.clear();
  }

  requestCount(): number {
    return this.http.requestCount();
  }

  private async fetchProducts(signal?: AbortSignal): Promise<Product[]> {
    const body = await this.http.get('/products', { signal });
    return readList(body, 'products', ProductSchema, this.label('/products', 'product'));
  }

  private async fetchAllTests(productId: number, signal?: AbortSignal): Promise<ExploratoryTest[]> {
    const path = `/products/${productId}/exploratory_tests`;
    const byId = new Map<number, ExploratoryTest>();
    for (let page = 1; ; page += 1) {
      if (page > this.maxPages) {
        this.logger.warning('TestIO test listing stopped at the page limit', { productId, pages: this.maxPages, tests: byId.size });
        break;
      }
      const query = { page, per_page: this.perPage };
      const body = await this.http.get(path, { query, signal });
      const tests = readList(body, 'exploratory_tests', ExploratoryTestSchema, this.label(path, 'exploratory test', query));
      if (tests.length === 0) break;
      const before = byId.size;
      // A test created while paging shifts the pages: the same test may come twice.
      for (const test of tests) byId.set(test.id, test);
      // A server that ignores `page` repeats itself; nothing new means we have everything.
      if (byId.size === before) break;
    }
    const tests = [...byId.values()].sort(newestFirst);
    tests.forEach((test) => this.noteStatus(test));
    return tests;
  }

  /** One `/bugs` call for a batch of tests, split per test. */
  private async fetchBugs(testIds: number[], signal?: AbortSignal): Promise<Map<number, Bug[]>> {
    const query = { filter_test_cycle_ids: testIds.join(',') };
    const body = await this.http.get('/bugs', { query, signal });
    const bugs = await readLongList(body, 'bugs', BugSchema, this.label('/bugs', 'bug', query));
    const byTest = new Map<number, Bug[]>(testIds.map((id) => [id, []]));
    if (testIds.length === 1) {
      // One test asked: every bug is its own, even without a `test` reference.
      const only = testIds[0];
      byTest.set(only, bugs.filter((bug) => bug.test?.id == null || bug.test.id === only));
      return byTest;
    }
    if (bugs.some((bug) => bug.test?.id == null)) {
      // Without `test.id` a batch cannot be split: ask test by test instead.
      this.logger.warning('TestIO bugs lack test.id; fetching bugs test by test', { tests: testIds.length });
      const single = await Promise.all(testIds.map((id) => this.fetchBugs([id], signal)));
      return new Map(single.flatMap((map) => [...map]));
    }
    for (const bug of bugs) byTest.get(bug.test?.id as number)?.push(bug);
    return byTest;
  }

  private noteStatus(test: ExploratoryTest): void {
    if (isImmutable(test)) this.immutableTests.add(test.id);
    else this.immutableTests.delete(test.id);
  }

  /** Undefined keeps the kind's TTL; immutable data may stay longer, never shorter. */
  private ttlFor(kind: 'tests' | 'bugs', immutable: boolean): number | undefined {
    if (!immutable) return undefined;
    return Math.max(this.cache.ttlSeconds(kind), this.immutableTtl);
  }

  private label(path: string, noun: string, query?: Record<string, QueryValue>): AnswerLabel {
    const search = query ? `?${Object.entries(query).map(([k, v]) => `${k}=${String(v)}`).join('&')}` : '';
    return { request: `GET ${path}${search}`, noun };
  }
}

const bugKey = (testId: number) => `test:${testId}`;
