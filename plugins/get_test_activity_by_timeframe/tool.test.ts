import { jest } from '@jest/globals';
import type { Harness } from '../../test/helpers/harness.js';
import { bugsOf, testsOf } from '../../test/testio-tools/sandbox-expect.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { ActivityResult } from '../../src/testio/services/activity-service.js';

const Q4_START = Date.parse('2024-10-01T00:00:00Z');
const Q4_END = Date.parse('2024-12-31T23:59:59.999Z');
const inQ4 = (iso: string) => Date.parse(iso) >= Q4_START && Date.parse(iso) <= Q4_END;

describe('get_test_activity_by_timeframe against the sandbox', () => {
  let h: Harness;
  const activity = async (args: Record<string, unknown>) => {
    const result = await h.call('get_test_activity_by_timeframe', args);
    return { out: structured<ActivityResult>(result, h.text(result)), text: h.text(result) };
  };
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('answers "activity of 25073 from 2024-10-01 to 2024-12-31" with the sandbox tests and bugs', async () => {
    const { out, text } = await activity({ product_ids: [25073], start_date: '2024-10-01', end_date: '2024-12-31', include_bugs: true });
    const data = h.sandbox!.data;
    const expected = testsOf(data, 25073).filter((t) => inQ4(t.start_at));
    expect(expected.length).toBeGreaterThan(0);
    expect(out.range).toEqual({
      start: '2024-10-01T00:00:00.000Z',
      end: '2024-12-31T23:59:59.999Z',
      resolved: 'start_date "2024-10-01" → 2024-10-01 00:00:00 UTC (the start of that UTC day); end_date "2024-12-31" → 2024-12-31 23:59:59 UTC (end of that UTC day)',
    });
    expect(text).toContain('Range: start_date "2024-10-01" → 2024-10-01 00:00:00 UTC');
    expect(out.overall.tests_in_range).toBe(expected.length);
    expect(out.products[0]).toMatchObject({ product_id: 25073, outcome: 'ok', product_name: 'Acme Online Banking', tests_in_range: expected.length });
    expect(out.products[0].tests!.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
    const bugs = expected.flatMap((t) => bugsOf(data, t.id));
    expect(out.overall.bugs!.total).toBe(bugs.length);
    expect(out.products[0].bugs!.by_status.rejected).toBe(bugs.filter((b) => b.status === 'rejected').length);
    expect(text).toContain(`**${expected.length} tests started in the range**`);
  });

  it('reads "Q4 2024" like the explicit dates, and matches end dates or overlap on request', async () => {
    const explicit = await activity({ product_ids: 25073, start_date: '2024-10-01', end_date: '2024-12-31' });
    const natural = await activity({ product_ids: [25073], start_date: 'Q4 2024' });
    expect([natural.out.range.start, natural.out.range.end]).toEqual([explicit.out.range.start, explicit.out.range.end]);
    expect(natural.out.range.resolved).toBe('start_date "Q4 2024" → 2024-10-01 00:00:00 UTC to 2024-12-31 23:59:59 UTC (the whole quarter)');
    expect(natural.out.overall.tests_in_range).toBe(explicit.out.overall.tests_in_range);

    const tests = testsOf(h.sandbox!.data, 25073);
    const ended = await activity({ product_ids: [25073], start_date: 'Q4 2024', date_field: 'end_at' });
    expect(ended.out.overall.tests_in_range).toBe(tests.filter((t) => inQ4(t.end_at)).length);
    const overlap = await activity({ product_ids: [25073], start_date: 'Q4 2024', date_field: 'any' });
    expect(overlap.out.overall.tests_in_range).toBe(tests.filter((t) => Date.parse(t.start_at) <= Q4_END && Date.parse(t.end_at) >= Q4_START).length);
  });

  it('reports per product and overall with progress, listing a missing product as failed', async () => {
    const other = h.sandbox!.data.products.find((p) => p.id !== 25073 && testsOf(h.sandbox!.data, p.id).length > 0)!;
    const progress: number[] = [];
    const result = await h.client.callTool(
      { name: 'get_test_activity_by_timeframe', arguments: { product_ids: [25073, other.id, 999999], start_date: 'since 2024-01-01' } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    const out = structured<ActivityResult>(result as never);
    expect(progress).toEqual([1, 2, 3]);
    expect(out.products_failed).toBe(1);
    expect(out.products.find((p) => p.product_id === 999999)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/Product 999999 was not found/) });
    const ok = out.products.filter((p) => p.outcome === 'ok');
    expect(out.overall.tests_in_range).toBe(ok.reduce((sum, p) => sum + p.tests_in_range!, 0));
    const since = Date.parse('2024-01-01T00:00:00Z');
    expect(ok.find((p) => p.product_id === other.id)!.tests_in_range).toBe(testsOf(h.sandbox!.data, other.id).filter((t) => Date.parse(t.start_at) >= since && Date.parse(t.start_at) <= Date.now()).length);
  });

  it.each([
    [{ product_ids: [25073], start_date: 'someday' }, /start_date "someday" is not a date I understand.*Accepted forms: YYYY-MM-DD/],
    [{ product_ids: [25073], start_date: '01/10/2024' }, /start_date "01\/10\/2024" is ambiguous/],
    [{ product_ids: [25073], start_date: '2024-12-31', end_date: '2024-10-01' }, /end_date \(2024-10-01\) is before start_date \(2024-12-31\)/],
    [{ product_ids: [25073], start_date: '2024-10-01', end_date: 'whenever' }, /end_date "whenever" is not a date I understand/],
    [{ product_ids: [25073], start_date: '2024-10-01', date_field: 'created_at' }, /Invalid "date_field".*start_at, end_at, any/],
    [{ product_ids: [], start_date: '2024-10-01' }, /Invalid "product_ids".*at least one id/],
    [{ product_ids: [...Array(11)].map((_, i) => i + 1), start_date: '2024-10-01' }, /Invalid "product_ids".*at most 10/],
    [{ product_ids: [25073] }, /Missing required parameter "start_date"/],
    [{ product_ids: [999998], start_date: '2024-10-01' }, /Product 999998 was not found/],
  ])('refuses %j naming the parameter', async (args, pattern) => {
    const result = await h.call('get_test_activity_by_timeframe', args);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(pattern);
  });
});

// Issue #14: phrases read against a fixed clock (only Date is faked; timers and sockets are real, and
// the sandbox generates its data on that day too). A Wednesday mid-month, so the sandbox's tests
// scheduled two and six days ahead fall later in this month.
describe('get_test_activity_by_timeframe date phrases on a fixed clock', () => {
  const NOW = Date.parse('2025-05-14T15:30:00Z');
  const DAY = 86_400_000;
  let h: Harness;
  const activity = async (args: Record<string, unknown>) => {
    const result = await h.call('get_test_activity_by_timeframe', { product_ids: [25073], ...args });
    return { out: structured<ActivityResult>(result, h.text(result)), text: h.text(result) };
  };
  const startsIn = (from: number, to: number) => testsOf(h.sandbox!.data, 25073).filter((t) => Date.parse(t.start_at) >= from && Date.parse(t.start_at) <= to);
  beforeAll(async () => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    h = await startToolHarness();
  });
  afterAll(async () => {
    await h.close();
    jest.useRealTimers();
  });

  it('"this month" counts what has started until now and lists the scheduled tests apart', async () => {
    const { out, text } = await activity({ start_date: 'this month' });
    const monthStart = Date.parse('2025-05-01T00:00:00Z');
    const monthEnd = Date.parse('2025-05-31T23:59:59.999Z');
    const started = startsIn(monthStart, NOW);
    const scheduled = startsIn(NOW + 1, monthEnd);
    expect(scheduled.length).toBeGreaterThanOrEqual(2);
    expect(out.range).toEqual({
      start: '2025-05-01T00:00:00.000Z',
      end: '2025-05-14T15:30:00.000Z',
      resolved: 'start_date "this month" → 2025-05-01 00:00:00 UTC to 2025-05-14 15:30:00 UTC (this month so far, until now)',
      upcoming_until: '2025-05-31T23:59:59.999Z',
    });
    expect(out.overall.tests_in_range).toBe(started.length);
    expect(out.products[0]!.tests!.every((t) => Date.parse(t.start_at!) <= NOW)).toBe(true);
    expect(out.overall.upcoming_tests).toBe(scheduled.length);
    expect(out.products[0]!.upcoming!.map((t) => t.id).sort()).toEqual(scheduled.map((t) => t.id).sort());
    expect(out.products[0]!.upcoming!.every((t) => t.status === 'initialized')).toBe(true);
    expect(text).toContain('Range: start_date "this month" → 2025-05-01 00:00:00 UTC to 2025-05-14 15:30:00 UTC');
    expect(text).toContain(`${scheduled.length} tests due to start later in the period (after now, up to 2025-05-31), not counted`);
  });

  it('"today" and "this quarter" end now too; a past period has nothing upcoming', async () => {
    const today = await activity({ start_date: 'today' });
    expect(today.out.range.end).toBe('2025-05-14T15:30:00.000Z');
    expect(today.out.overall.tests_in_range).toBe(startsIn(Date.parse('2025-05-14T00:00:00Z'), NOW).length);
    const quarter = await activity({ start_date: 'this quarter' });
    expect(quarter.out.overall.tests_in_range).toBe(startsIn(Date.parse('2025-04-01T00:00:00Z'), NOW).length);
    expect(quarter.out.overall.upcoming_tests).toBe(startsIn(NOW + 1, Date.parse('2025-06-30T23:59:59.999Z')).length);
    const last = await activity({ start_date: 'last month' });
    expect(last.out.range.upcoming_until).toBeUndefined();
    expect(last.out.overall.upcoming_tests).toBeUndefined();
  });

  it('"3 months ago" starts a range that runs until now, the same as "past 3 months"', async () => {
    const ago = await activity({ start_date: '3 months ago' });
    const past = await activity({ start_date: 'past 3 months' });
    const from = Date.parse('2025-02-14T15:30:00Z');
    expect([ago.out.range.start, ago.out.range.end]).toEqual(['2025-02-14T15:30:00.000Z', '2025-05-14T15:30:00.000Z']);
    expect(ago.out.overall.tests_in_range).toBe(startsIn(from, NOW).length);
    expect(ago.out.overall.tests_in_range).toBeGreaterThan(1);
    expect(past.out.range.start).toBe(ago.out.range.start);
    expect(past.out.overall.tests_in_range).toBe(ago.out.overall.tests_in_range);
  });

  it('"last 30 days" is exactly 30 × 24 h ending now, and the answer says so', async () => {
    const { out, text } = await activity({ start_date: 'last 30 days' });
    expect(Date.parse(out.range.end) - Date.parse(out.range.start)).toBe(30 * DAY);
    expect(out.overall.tests_in_range).toBe(startsIn(NOW - 30 * DAY, NOW).length);
    expect(out.range.resolved).toBe('start_date "last 30 days" → 2025-04-14 15:30:00 UTC to 2025-05-14 15:30:00 UTC (30 × 24 h ending now)');
    expect(text).toContain('(30 × 24 h ending now)');
  });
});
