import { startAnalyticsHarness, callOk, MAIN_PRODUCT, type AnalyticsHarness } from '../../test/analytics/tool-harness.js';
import type { UserList } from '../../src/analytics/queries/list-users.js';

describe('list_users over the synced sandbox', () => {
  let h: AnalyticsHarness;
  beforeAll(async () => {
    h = await startAnalyticsHarness({ productIds: [MAIN_PRODUCT] });
  });
  afterAll(() => h.close());

  it('lists the testers of 25073 with the bugs they reported, most active first', async () => {
    const out = await callOk<UserList>(h, 'list_users', { kind: 'tester' });
    const bugs = h.sandbox!.data.bugs.filter((b) => b.product.id === MAIN_PRODUCT);
    expect(out.users.reduce((a, u) => a + u.bugs_reported, 0)).toBe(bugs.length);
    const top = out.users[0]!;
    expect(top.bugs_reported).toBe(bugs.filter((b) => b.author.name === top.name).length);
    expect(out.users.every((u, i) => i === 0 || out.users[i - 1]!.bugs_reported >= u.bugs_reported)).toBe(true);
  });

  it('counts customers by the tests they created in a period given as a date phrase', async () => {
    const out = await callOk<UserList & { period: { start: string; end: string } }>(h, 'list_users', { kind: 'customer', start_date: '2024', end_date: '2024' });
    const tests = h.sandbox!.data.tests.filter((t) => t.product.id === MAIN_PRODUCT && t.start_at && Date.parse(t.start_at) >= Date.parse(out.period.start) && Date.parse(t.start_at) <= Date.parse(out.period.end));
    for (const u of out.users) expect(u.tests_created).toBe(tests.filter((t) => t.created_by === u.name || t.submitted_by === u.name).length);
    expect(h.text(await h.call('list_users', { kind: 'customer', start_date: 'not a date' }))).toContain('start_date');
  });
});
