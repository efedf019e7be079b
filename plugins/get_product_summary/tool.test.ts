import { startAnalyticsHarness, callOk, MAIN_PRODUCT, type AnalyticsHarness } from '../../test/analytics/tool-harness.js';
import { expectedSummary } from '../../test/testio-tools/sandbox-expect.js';
import type { ProductSummary } from '../../src/analytics/queries/schemas.js';

describe('get_product_summary over the synced sandbox', () => {
  let h: AnalyticsHarness;
  beforeAll(async () => {
    h = await startAnalyticsHarness({ productIds: [MAIN_PRODUCT] });
  });
  afterAll(() => h.close());

  it('summarizes product 25073 with the sandbox numbers', async () => {
    const out = await callOk<ProductSummary>(h, 'get_product_summary', { product_id: MAIN_PRODUCT });
    const data = h.sandbox!.data;
    const bugs = data.bugs.filter((b) => b.product.id === MAIN_PRODUCT);
    const expected = expectedSummary(bugs);
    expect(out.bugs.total).toBe(expected.total);
    expect(out.bugs.by_status).toEqual(expected.by_status);
    expect(out.bugs.by_severity).toEqual(expected.by_severity);
    expect(out.tests.total).toBe(data.tests.filter((t) => t.product.id === MAIN_PRODUCT).length);
    expect(Object.values(out.reject_reasons).reduce((a, b) => a + b, 0)).toBe(expected.by_status.rejected);
    for (const rate of Object.values(out.bugs.rates)) if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
    const text = h.text(await h.call('get_product_summary', { product_id: MAIN_PRODUCT }));
    expect(text).toContain(`## ${out.product.name} (product ${MAIN_PRODUCT}`);
    expect(text).toContain('### Features with the most bugs');
  });

  it('accepts the date phrases of the other tools and names a bad one', async () => {
    const out = await callOk<ProductSummary>(h, 'get_product_summary', { product_id: MAIN_PRODUCT, start_date: 'Q4 2024' });
    expect(out.period?.start.slice(0, 10)).toBe('2024-10-01');
    const bad = await h.call('get_product_summary', { product_id: MAIN_PRODUCT, start_date: 'someday' });
    expect(bad.isError).toBe(true);
    expect(h.text(bad)).toContain('start_date');
  });
});
