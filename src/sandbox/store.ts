/**
 * The live dataset with id indexes. Writes mutate the objects inside `data` itself, so
 * `handle.data` always shows what the API serves.
 */
import { ApiError } from './http-utils.js';
import type { Bug, ExploratoryTest, Product, ProductCatalog, SandboxData } from './types.js';

export class SandboxStore {
  private readonly products = new Map<number, Product>();
  private readonly catalogs = new Map<number, ProductCatalog>();
  private readonly tests = new Map<number, ExploratoryTest>();
  private readonly bugs = new Map<number, Bug>();

  constructor(readonly data: SandboxData) {
    for (const product of data.products) this.products.set(product.id, product);
    for (const catalog of data.catalogs) this.catalogs.set(catalog.product_id, catalog);
    for (const test of data.tests) this.tests.set(test.id, test);
    for (const bug of data.bugs) this.bugs.set(bug.id, bug);
  }

  product(id: number): Product {
    const product = this.products.get(id);
    if (!product) throw new ApiError(404, `Product ${id} not found.`);
    return product;
  }

  catalog(productId: number): ProductCatalog {
    this.product(productId);
    return this.catalogs.get(productId)!;
  }

  test(id: number): ExploratoryTest {
    const test = this.tests.get(id);
    if (!test) throw new ApiError(404, `Exploratory test ${id} not found.`);
    return test;
  }

  bug(id: number): Bug {
    const bug = this.bugs.get(id);
    if (!bug) throw new ApiError(404, `Bug ${id} not found.`);
    return bug;
  }

  /** A product's tests, newest first: latest start_at first, then the higher id (a fixed order). */
  testsOfProduct(productId: number): ExploratoryTest[] {
    this.product(productId);
    return this.data.tests
      .filter((t) => t.product.id === productId)
      .sort((a, b) => Date.parse(b.start_at) - Date.parse(a.start_at) || b.id - a.id);
  }

  bugsOfTest(testId: number): Bug[] {
    return this.bugsByTest().get(testId) ?? [];
  }

  /** Bugs of these tests in id order, without scanning every bug (the large seed has 200,000). */
  bugsOfTests(testIds: readonly number[]): Bug[] {
    const index = this.bugsByTest();
    return [...new Set(testIds)].flatMap((id) => index.get(id) ?? []).sort((a, b) => a.id - b.id);
  }

  /** Built on first use; bugs are never added or removed after generation, only changed in place. */
  private bugIndex?: Map<number, Bug[]>;
  private bugsByTest(): Map<number, Bug[]> {
    if (!this.bugIndex) {
      this.bugIndex = new Map();
      for (const bug of this.data.bugs) {
        const list = this.bugIndex.get(bug.test.id);
        if (list) list.push(bug);
        else this.bugIndex.set(bug.test.id, [bug]);
      }
    }
    return this.bugIndex;
  }

  addTest(test: ExploratoryTest): void {
    this.data.tests.push(test);
    this.tests.set(test.id, test);
  }

  nextTestId(): number {
    let max = 0;
    for (const id of this.tests.keys()) max = Math.max(max, id);
    return max + 1;
  }
}
