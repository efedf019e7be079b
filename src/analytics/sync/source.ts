/**
 * What the sync reads from the Customer API, uncached (the answer cache serves the milestone-1
 * tools; a sync wants the API's current answer): products, a product's features, one page of its
 * tests (newest first), and the complete bug lists of some tests. Retries of 429/5xx are the HTTP
 * client's; smaller pages after that are the sync's (pages.ts).
 */
import { readList, readLongList } from '../../testio/data/envelope.js';
import type { QueryValue, TestioHttp } from '../../testio/data/http-client.js';
import { BugSchema, ExploratoryTestSchema, ProductSchema, type Bug, type ExploratoryTest, type Product } from '../../testio/data/schemas.js';
import { FeatureSchema, type Feature } from './schemas.js';

export interface SyncSource {
  products(signal?: AbortSignal): Promise<Product[]>;
  features(productId: number, signal?: AbortSignal): Promise<Feature[]>;
  testsPage(productId: number, page: number, perPage: number, signal?: AbortSignal): Promise<ExploratoryTest[]>;
  /** Every bug of these tests, grouped by test (each asked test present, maybe with none). */
  bugsOf(testIds: readonly number[], signal?: AbortSignal): Promise<Map<number, Bug[]>>;
}

const label = (path: string, noun: string, query?: Record<string, QueryValue>) => ({
  request: `GET ${path}${query ? `?${Object.entries(query).map(([k, v]) => `${k}=${String(v)}`).join('&')}` : ''}`,
  noun,
});

export function apiSyncSource(http: TestioHttp): SyncSource {
  return {
    async products(signal) {
      return readList(await http.get('/products', { signal }), 'products', ProductSchema, label('/products', 'product'));
    },
    async features(productId, signal) {
      const path = `/products/${productId}/features`;
      return readList(await http.get(path, { signal }), 'features', FeatureSchema, label(path, 'feature'));
    },
    async testsPage(productId, page, perPage, signal) {
      const path = `/products/${productId}/exploratory_tests`;
      const query = { page, per_page: perPage };
      return readList(await http.get(path, { query, signal }), 'exploratory_tests', ExploratoryTestSchema, label(path, 'exploratory test', query));
    },
    async bugsOf(testIds, signal) {
      const query = { filter_test_cycle_ids: testIds.join(',') };
      const bugs = await readLongList(await http.get('/bugs', { query, signal }), 'bugs', BugSchema, label('/bugs', 'bug', query));
      const byTest = new Map<number, Bug[]>(testIds.map((id) => [id, []]));
      for (const bug of bugs) {
        // One test asked: every bug is its own. Several: the bug says which (a bug naming none is
        // not guessed at; the caller asks test by test when it must).
        const owner = testIds.length === 1 ? testIds[0]! : bug.test?.id;
        if (owner == null) throw new BugsWithoutTestError(testIds.length);
        byTest.get(owner)?.push(bug);
      }
      return byTest;
    },
  };
}

/** A batch answer whose bugs do not name their test cannot be split; ask test by test. */
export class BugsWithoutTestError extends Error {
  constructor(tests: number) {
    super(`The TestIO API listed bugs of ${tests} tests without saying which test each belongs to.`);
    this.name = 'BugsWithoutTestError';
  }
}
