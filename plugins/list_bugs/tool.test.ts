import { startAnalyticsHarness, callOk, MAIN_PRODUCT, type AnalyticsHarness } from '../../test/analytics/tool-harness.js';
import { expectedSummary } from '../../test/testio-tools/sandbox-expect.js';
import type { BugList } from '../../src/analytics/queries/list-bugs.js';

describe('list_bugs over the synced sandbox', () => {
  let h: AnalyticsHarness;
  beforeAll(async () => {
    h = await startAnalyticsHarness({ productIds: [MAIN_PRODUCT] });
  });
  afterAll(() => h.close());

  it('answers "rejected bugs of product 25073, reason not_reproducible" with the sandbox numbers, paged to the end', async () => {
    const wire = h.sandbox!.data.bugs.filter((b) => b.product.id === MAIN_PRODUCT && b.status === 'rejected' && b.reject_reason === 'not_reproducible');
    expect(wire.length).toBeGreaterThan(2);
    const args = { product_ids: [MAIN_PRODUCT], statuses: 'rejected', reject_reasons: ['not_reproducible'], page_size: 2 };
    const first = await callOk<BugList>(h, 'list_bugs', args);
    const expected = expectedSummary(wire);
    expect(first.matching_bugs).toBe(wire.length);
    expect(first.summary.by_status).toEqual(expected.by_status);
    expect(first.summary.by_severity).toEqual(expected.by_severity);
    const ids = first.bugs.map((b) => b.id);
    let token = first.continuation_token;
    while (token) {
      const page = await callOk<BugList>(h, 'list_bugs', { ...args, continuation_token: token });
      ids.push(...page.bugs.map((b) => b.id));
      token = page.continuation_token;
    }
    expect(ids.sort()).toEqual(wire.map((b) => b.id).sort());
    const text = h.text(await h.call('list_bugs', args));
    expect(text).toContain(`## ${wire.length} matching bugs`);
    expect(text).toMatch(/Synced (just now|\d+ min ago)/);
  });

  it('refuses a token reused with another filter, and a product never synced, naming the parameter', async () => {
    const first = await callOk<BugList>(h, 'list_bugs', { product_ids: [MAIN_PRODUCT], page_size: 1 });
    const reused = await h.call('list_bugs', { product_ids: [MAIN_PRODUCT], statuses: ['accepted'], page_size: 1, continuation_token: first.continuation_token });
    expect(reused.isError).toBe(true);
    expect(h.text(reused)).toContain('continuation_token');
    const other = h.sandbox!.data.products.find((p) => p.id !== MAIN_PRODUCT)!.id;
    const unsynced = await h.call('list_bugs', { product_ids: [other] });
    expect(unsynced.isError).toBe(true);
    expect(h.text(unsynced)).toMatch(/product_ids.*not been synced.*sync_data/s);
  });

  it('filters by reported date phrases and sorts by severity', async () => {
    const out = await callOk<BugList & { period: { start: string; end: string } }>(h, 'list_bugs', { start_date: '2024-10-01', end_date: '2024-12-31', sort_by: 'severity', page_size: 100 });
    const wire = h.sandbox!.data.bugs.filter((b) => b.product.id === MAIN_PRODUCT && b.reported_at >= '2024-10-01' && Date.parse(b.reported_at) <= Date.parse(out.period.end));
    expect(out.matching_bugs).toBe(wire.length);
    expect(out.bugs[0]?.severity).toBe(wire.some((b) => b.severity === 'critical') ? 'critical' : out.bugs[0]?.severity);
  });
});
