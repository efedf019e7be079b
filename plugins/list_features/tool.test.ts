import { startAnalyticsHarness, callOk, MAIN_PRODUCT, type AnalyticsHarness } from '../../test/analytics/tool-harness.js';
import type { FeatureList } from '../../src/analytics/queries/list-features.js';

describe('list_features over the synced sandbox', () => {
  let h: AnalyticsHarness;
  beforeAll(async () => {
    h = await startAnalyticsHarness({ productIds: [MAIN_PRODUCT] });
  });
  afterAll(() => h.close());

  it('lists the features of 25073 with bug counts that add up to every bug of the product', async () => {
    const out = await callOk<FeatureList>(h, 'list_features', { product_id: MAIN_PRODUCT });
    const bugs = h.sandbox!.data.bugs.filter((b) => b.product.id === MAIN_PRODUCT);
    expect(out.features.length).toBeGreaterThan(0);
    expect(out.features.reduce((a, f) => a + f.bugs, 0) + out.bugs_without_feature).toBe(bugs.length);
    expect(out.bugs.total).toBe(bugs.length);
    for (const f of out.features) expect(f.bugs).toBe(bugs.filter((b) => b.feature?.id === f.id).length);
    expect(out.tests).toBe(h.sandbox!.data.tests.filter((t) => t.product.id === MAIN_PRODUCT).length);
    const text = h.text(await h.call('list_features', { product_id: MAIN_PRODUCT }));
    expect(text).toContain('| ID | Feature |');
    expect(text).toContain('Outside any feature:');
  });

  it('says to run sync_data for a product never synced', async () => {
    const other = h.sandbox!.data.products.find((p) => p.id !== MAIN_PRODUCT)!.id;
    const result = await h.call('list_features', { product_id: other });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/product_id.*sync_data/s);
  });
});
