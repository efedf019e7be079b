import { startAnalyticsHarness, callOk, MAIN_PRODUCT, type AnalyticsHarness } from '../../test/analytics/tool-harness.js';
import type { BugDetail } from '../../src/analytics/queries/schemas.js';

describe('get_bug_summary over the synced sandbox', () => {
  let h: AnalyticsHarness;
  beforeAll(async () => {
    h = await startAnalyticsHarness({ productIds: [MAIN_PRODUCT] });
  });
  afterAll(() => h.close());

  it('shows a rejected bug with its reason, test, feature and devices as the sandbox has them', async () => {
    const wire = h.sandbox!.data.bugs.find((b) => b.product.id === MAIN_PRODUCT && b.status === 'rejected')!;
    const out = await callOk<BugDetail>(h, 'get_bug_summary', { bug_id: String(wire.id) });
    expect(out.bug).toMatchObject({ id: wire.id, status: 'rejected', reject_reason: wire.reject_reason, test_id: wire.test.id, feature_id: wire.feature.id, author: wire.author.name });
    expect(out.bug.devices).toHaveLength(wire.devices.length);
    expect(h.text(await h.call('get_bug_summary', { bug_id: wire.id }))).toContain(`## Bug ${wire.id}:`);
  });

  it('answers not found for a bug not in the store', async () => {
    const result = await h.call('get_bug_summary', { bug_id: 1 });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toContain('sync_data');
  });
});
