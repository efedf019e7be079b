import type { Harness } from '../../test/helpers/harness.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { ProductSearchResult } from '../../src/testio/services/product-service.js';

describe('list_products against the sandbox', () => {
  let h: Harness;
  const search = async (args: Record<string, unknown>) => {
    const result = await h.call('list_products', args);
    return { out: structured<ProductSearchResult>(result, h.text(result)), text: h.text(result) };
  };
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('lists every product without filters', async () => {
    const { out } = await search({});
    const products = h.sandbox!.data.products;
    expect(out.total_products).toBe(products.length);
    expect(out.products.map((p) => p.id).sort()).toEqual(products.map((p) => p.id).sort());
    expect(out.products.find((p) => p.id === 25073)).toMatchObject({ name: products.find((p) => p.id === 25073)!.name });
  });

  it('answers "products matching mobile" case-insensitively over name and description', async () => {
    const { out, text } = await search({ search: 'mobile' });
    const expected = h.sandbox!.data.products.filter((p) => `${p.name}\n${p.description ?? ''}`.toLowerCase().includes('mobile'));
    expect(expected.some((p) => p.name.includes('Mobile'))).toBe(true);
    expect(out.products.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect((await search({ search: 'MOBILE' })).out.matching_products).toBe(expected.length);
    expect(text).toMatch(new RegExp(`^## ${expected.length} products? matching "mobile"`));
  });

  it('filters by product type and says so when nothing matches', async () => {
    const { out } = await search({ product_type: 'website' });
    expect(out.matching_products).toBe(h.sandbox!.data.products.filter((p) => p.type === 'website').length);
    expect(out.products.every((p) => p.type === 'website')).toBe(true);
    const none = await search({ search: 'no such product anywhere' });
    expect(none.out.products).toEqual([]);
    expect(none.text).toContain('No product matches');
  });

  it.each([
    [{ product_type: 'desktop' }, /Invalid "product_type": "desktop" is not allowed\. Use one of: website, mobile_app_ios/],
    [{ search: 'x'.repeat(201) }, /Invalid "search".*at most 200/],
    [{ search: 42 }, /Invalid "search": expected string/],
  ])('refuses %j naming the parameter', async (args, pattern) => {
    const result = await h.call('list_products', args);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(pattern);
  });
});
