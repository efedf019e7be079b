/**
 * The slice of the data layer's TestioApi the services use. Services depend on this interface,
 * not on the HTTP client, so unit tests can hand them an in-memory fake.
 */
import type { CacheStats } from '../data/cache.js';
import type { Bug, ExploratoryTest, Product } from '../data/schemas.js';

export type { Bug, CacheStats, ExploratoryTest, Product };

export interface TestioReadApi {
  listProducts(signal?: AbortSignal): Promise<Product[]>;
  getProduct(productId: number, signal?: AbortSignal): Promise<Product>;
  listTests(productId: number, signal?: AbortSignal): Promise<ExploratoryTest[]>;
  getTest(testId: number, signal?: AbortSignal): Promise<ExploratoryTest>;
  listBugs(testId: number, signal?: AbortSignal): Promise<Bug[]>;
  listBugsForTests(testIds: number[], signal?: AbortSignal): Promise<Map<number, Bug[]>>;
  checkConnection(signal?: AbortSignal): Promise<{ latencyMs: number }>;
  cacheStats(): CacheStats;
  clearCache(): Promise<number>;
  requestCount(): number;
}
