/**
 * The Customer API's write endpoints (testio-api.md, "Write endpoints") and the fresh reads a change
 * needs: a bug or test as it stands now (never from the cache), the reject reasons. Every write
 * invalidates the cache entries it made stale, so the next read tool sees the change.
 */
import { HINT_TEST, naming404 } from './api.js';
import type { TestioCache } from './cache.js';
import { readList, readOne } from './envelope.js';
import type { TestioHttp } from './http-client.js';
import { BugSchema, ExploratoryTestSchema, RejectReasonSchema, type Bug, type ExploratoryTest, type RejectReason } from './schemas.js';

export type BugAction = 'accept' | 'reject' | 'mark_as_known' | 'mark_as_fixed' | 'mark_as_exported';

const HINT_BUG = 'Call get_test_bugs with the test id to see the ids of its bugs.';

export class TestioWriteApi {
  constructor(
    private readonly http: TestioHttp,
    private readonly cache: TestioCache,
  ) {}

  /** The bug as the API has it now (not from the cache). */
  getBug(bugId: number, signal?: AbortSignal): Promise<Bug> {
    const path = `/bugs/${bugId}`;
    return naming404('Bug', bugId, HINT_BUG, async () => readOne(await this.http.get(path, { signal }), 'bug', BugSchema, { request: `GET ${path}`, noun: 'bug' }));
  }

  /** The test as the API has it now; its cached copy is dropped first, so the cache refills with this. */
  getTest(testId: number, signal?: AbortSignal): Promise<ExploratoryTest> {
    const path = `/exploratory_tests/${testId}`;
    this.cache.invalidate('tests', `test:${testId}`);
    return naming404('Test', testId, HINT_TEST, async () =>
      readOne(await this.http.get(path, { signal }), 'exploratory_test', ExploratoryTestSchema, { request: `GET ${path}`, noun: 'exploratory test' }),
    );
  }

  /** Cached with the products (they change about as rarely). */
  rejectReasons(signal?: AbortSignal): Promise<RejectReason[]> {
    return this.cache.getOrLoad(
      'products',
      'reject_reasons',
      async (shared) => readList(await this.http.get('/bugs/reject_reasons', { signal: shared }), 'reject_reasons', RejectReasonSchema, { request: 'GET /bugs/reject_reasons', noun: 'reject reason' }),
      undefined,
      signal,
    );
  }

  /** PUT /bugs/{id}/{action}; the bug's test's bug list and the test (its analytics count bugs) go stale. */
  async changeBug(bug: Pick<Bug, 'id' | 'test'>, action: BugAction, body: Record<string, unknown> | undefined, signal?: AbortSignal): Promise<void> {
    const path = `/bugs/${bug.id}/${action}`;
    try {
      await naming404('Bug', bug.id, HINT_BUG, () => this.http.request('PUT', path, { body: body ?? {}, signal }));
    } finally {
      // Even a failed write may have landed (a timeout after the server acted).
      const testId = bug.test?.id;
      if (testId != null) {
        this.cache.invalidate('bugs', `test:${testId}`);
        this.cache.invalidate('tests', `test:${testId}`);
      }
    }
  }

  /** POST /products/{pid}/exploratory_tests → the created test; the product's test list goes stale. */
  async createTest(productId: number, exploratoryTest: Record<string, unknown>, signal?: AbortSignal): Promise<ExploratoryTest> {
    const path = `/products/${productId}/exploratory_tests`;
    try {
      const body = await this.http.request('POST', path, { body: { exploratory_test: exploratoryTest }, signal });
      return readOne(body, 'exploratory_test', ExploratoryTestSchema, { request: `POST ${path}`, noun: 'exploratory test' });
    } finally {
      this.cache.invalidate('tests', `product:${productId}:tests`);
    }
  }

  /** POST /exploratory_tests/{id}/launch; the test and its product's list go stale. */
  async launchTest(test: Pick<ExploratoryTest, 'id' | 'product'>, signal?: AbortSignal): Promise<void> {
    const path = `/exploratory_tests/${test.id}/launch`;
    try {
      await naming404('Test', test.id, HINT_TEST, () => this.http.request('POST', path, { signal }));
    } finally {
      this.cache.invalidate('tests', `test:${test.id}`);
      if (test.product?.id != null) this.cache.invalidate('tests', `product:${test.product.id}:tests`);
    }
  }
}
