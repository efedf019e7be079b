/** In-memory stand-ins for unit tests of the TestIO services (no HTTP, no sandbox). */
import { NotFoundError } from '../../src/platform/errors.js';
import type { Bug, CacheStats, ExploratoryTest, Product, TestioReadApi } from '../../src/testio/services/api-port.js';

export function bug(id: number, severity: string, status: string, extra: Partial<Bug> = {}): Bug {
  return { id, title: `Bug ${id}`, severity, status, auto_accepted: false, known: false, steps: [], reported_at: `2024-10-${String((id % 28) + 1).padStart(2, '0')}T10:00:00Z`, ...extra } as Bug;
}

export function test(id: number, status: string, start_at: string | null, end_at: string | null, extra: Partial<ExploratoryTest> = {}): ExploratoryTest {
  return { id, title: `Test ${id}`, test_title: `Test ${id}`, status, testing_type: 'coverage', start_at, end_at, ...extra } as ExploratoryTest;
}

export function product(id: number, name: string, type = 'website', description: string | null = null): Product {
  return { id, name, type, description } as Product;
}

const emptyCounters = { hits: 0, misses: 0, hitRate: null, entries: 0, evictions: 0 };

export class FakeApi implements TestioReadApi {
  calls: string[] = [];
  failTests = new Set<number>();
  constructor(
    public products: Product[] = [],
    public tests: Map<number, ExploratoryTest[]> = new Map(),
    public bugs: Map<number, Bug[]> = new Map(),
  ) {}

  private allTests(): ExploratoryTest[] {
    return [...this.tests.values()].flat();
  }
  async listProducts() {
    this.calls.push('listProducts');
    return this.products.slice();
  }
  async getProduct(id: number) {
    this.calls.push(`getProduct:${id}`);
    const p = this.products.find((x) => x.id === id);
    if (!p) throw new NotFoundError('Product', id);
    return p;
  }
  async listTests(id: number) {
    this.calls.push(`listTests:${id}`);
    if (!this.products.some((x) => x.id === id)) throw new NotFoundError('Product', id);
    return (this.tests.get(id) ?? []).slice();
  }
  async getTest(id: number) {
    this.calls.push(`getTest:${id}`);
    const t = this.allTests().find((x) => x.id === id);
    if (!t || this.failTests.has(id)) throw new NotFoundError('Test', id);
    return t;
  }
  async listBugs(id: number) {
    this.calls.push(`listBugs:${id}`);
    return (this.bugs.get(id) ?? []).slice();
  }
  async listBugsForTests(ids: number[]) {
    this.calls.push(`listBugsForTests:${ids.join(',')}`);
    return new Map(ids.map((id) => [id, (this.bugs.get(id) ?? []).slice()]));
  }
  async checkConnection() {
    return { latencyMs: 12.4 };
  }
  cacheStats(): CacheStats {
    const kind = (ttlSeconds: number) => ({ ...emptyCounters, ttlSeconds });
    return {
      overall: { hits: 3, misses: 1, hitRate: 0.75, entries: 4, evictions: 0 },
      kinds: { products: { hits: 3, misses: 1, hitRate: 0.75, entries: 4, evictions: 0, ttlSeconds: 3600 }, tests: kind(300), bugs: kind(60) },
    };
  }
  async clearCache() {
    return 4;
  }
  requestCount() {
    return 7;
  }
}
