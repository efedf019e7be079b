import { startAnalyticsHarness, callOk, MAIN_PRODUCT, type AnalyticsHarness } from '../../test/analytics/tool-harness.js';
import { expectedSummary } from '../../test/testio-tools/sandbox-expect.js';
import type { UserSummary } from '../../src/analytics/queries/schemas.js';

describe('get_user_summary over the synced sandbox', () => {
  let h: AnalyticsHarness;
  beforeAll(async () => {
    h = await startAnalyticsHarness({ productIds: [MAIN_PRODUCT] });
  });
  afterAll(() => h.close());

  it('summarizes a tester with the bugs they reported', async () => {
    const bugs = h.sandbox!.data.bugs.filter((b) => b.product.id === MAIN_PRODUCT);
    const name = bugs[0]!.author.name;
    const out = await callOk<UserSummary>(h, 'get_user_summary', { user: name });
    const mine = bugs.filter((b) => b.author.name === name);
    expect(out.user.roles).toContain('tester');
    expect(out.as_tester?.bugs.by_status).toEqual(expectedSummary(mine).by_status);
    expect(out.as_tester?.tests).toBe(new Set(mine.map((b) => b.test.id)).size);
    expect(h.text(await h.call('get_user_summary', { user: name }))).toContain('### As a tester');
  });

  it('summarizes a customer with the tests they created or submitted', async () => {
    const tests = h.sandbox!.data.tests.filter((t) => t.product.id === MAIN_PRODUCT && t.created_by);
    const name = tests[0]!.created_by!;
    const out = await callOk<UserSummary>(h, 'get_user_summary', { user: name });
    expect(out.as_customer?.tests).toBe(tests.filter((t) => t.created_by === name || t.submitted_by === name).length);
  });

  it('answers not found for an unknown name', async () => {
    const result = await h.call('get_user_summary', { user: 'nobody at all' });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toContain('list_users');
  });
});
