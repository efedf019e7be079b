import { startAnalyticsHarness, callOk, MAIN_PRODUCT, type AnalyticsHarness } from '../../test/analytics/tool-harness.js';
import { expectedSummary } from '../../test/testio-tools/sandbox-expect.js';
import type { FeatureSummary } from '../../src/analytics/queries/schemas.js';

describe('get_feature_summary over the synced sandbox', () => {
  let h: AnalyticsHarness;
  beforeAll(async () => {
    h = await startAnalyticsHarness({ productIds: [MAIN_PRODUCT] });
  });
  afterAll(() => h.close());

  it('summarizes the buggiest feature of 25073 with the sandbox numbers', async () => {
    const bugs = h.sandbox!.data.bugs.filter((b) => b.product.id === MAIN_PRODUCT);
    const featureId = bugs[0]!.feature.id;
    const out = await callOk<FeatureSummary>(h, 'get_feature_summary', { feature_id: featureId });
    const mine = bugs.filter((b) => b.feature?.id === featureId);
    expect(out.bugs.by_status).toEqual(expectedSummary(mine).by_status);
    expect(out.tests.total).toBe(h.sandbox!.data.tests.filter((t) => t.features.some((f) => (f.feature_id ?? f.id) === featureId)).length);
    expect(h.text(await h.call('get_feature_summary', { feature_id: featureId }))).toContain(`## Feature ${featureId}:`);
  });

  it('answers not found for an unknown feature, with what to do', async () => {
    const result = await h.call('get_feature_summary', { feature_id: 1 });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/Feature 1 was not found.*list_features/);
  });
});
