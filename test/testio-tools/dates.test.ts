import { parseDateExpression, resolveDateRange } from '../../src/testio/dates/index.js';

// A Wednesday, mid-quarter, so week/quarter boundaries are visible.
const NOW = new Date('2025-05-14T15:30:00Z');
const iso = (d: Date) => d.toISOString();
const period = (text: string) => {
  const p = parseDateExpression(text, NOW, 'start_date');
  return [iso(p.start), iso(p.end)];
};

describe('parseDateExpression', () => {
  it.each([
    ['2024-10-01', '2024-10-01T00:00:00.000Z', '2024-10-01T23:59:59.999Z'],
    ['2024-10-01T09:30:00Z', '2024-10-01T09:30:00.000Z', '2024-10-01T09:30:00.000Z'],
    ['2024-10-01T09:30:00+02:00', '2024-10-01T07:30:00.000Z', '2024-10-01T07:30:00.000Z'],
    ['2024-10-01 09:30', '2024-10-01T09:30:00.000Z', '2024-10-01T09:30:00.000Z'],
    ['today', '2025-05-14T00:00:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['Yesterday', '2025-05-13T00:00:00.000Z', '2025-05-13T23:59:59.999Z'],
    ['last 7 days', '2025-05-07T15:30:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['past 30 days', '2025-04-14T15:30:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['last 1 day', '2025-05-13T15:30:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['past week', '2025-05-07T15:30:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['past 2 weeks', '2025-04-30T15:30:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['last 3 months', '2025-02-14T15:30:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['this week', '2025-05-12T00:00:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['last week', '2025-05-05T00:00:00.000Z', '2025-05-11T23:59:59.999Z'],
    ['this month', '2025-05-01T00:00:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['last month', '2025-04-01T00:00:00.000Z', '2025-04-30T23:59:59.999Z'],
    ['this quarter', '2025-04-01T00:00:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['last quarter', '2025-01-01T00:00:00.000Z', '2025-03-31T23:59:59.999Z'],
    ['this year', '2025-01-01T00:00:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['last year', '2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z'],
    ['year to date', '2025-01-01T00:00:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['Q4 2024', '2024-10-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z'],
    ['2024-Q1', '2024-01-01T00:00:00.000Z', '2024-03-31T23:59:59.999Z'],
    ['q2-2024', '2024-04-01T00:00:00.000Z', '2024-06-30T23:59:59.999Z'],
    ['since 2024-10-01', '2024-10-01T00:00:00.000Z', '2025-05-14T15:30:00.000Z'],
    ['2024-02', '2024-02-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z'],
    ['2023', '2023-01-01T00:00:00.000Z', '2023-12-31T23:59:59.999Z'],
    ['3 days ago', '2025-05-11T15:30:00.000Z', '2025-05-11T15:30:00.000Z'],
  ])('%s', (text, start, end) => {
    expect(period(text)).toEqual([start, end]);
  });

  it('clamps month arithmetic at the end of a month', () => {
    const p = parseDateExpression('last 1 month', new Date('2025-03-31T12:00:00Z'), 'start_date');
    expect(iso(p.start)).toBe('2025-02-28T12:00:00.000Z');
  });

  it.each([
    ['01/02/2024', /start_date "01\/02\/2024" is ambiguous.*YYYY-MM-DD/],
    ['next tuesday', /start_date "next tuesday" is not a date I understand/],
    ['2024-02-30', /not a date I understand/],
    ['last 0 days', /not a date I understand/],
    ['Q5 2024', /not a date I understand/],
    ['   ', /start_date is empty/],
    ['since whenever', /cannot read the date after "since"/],
  ])('refuses %j naming the parameter and listing the forms', (text, pattern) => {
    try {
      parseDateExpression(text, NOW, 'start_date');
      throw new Error('should have thrown');
    } catch (error) {
      const e = error as { parameter?: string; message: string; hint?: string };
      expect(e.parameter).toBe('start_date');
      expect(`${e.message} ${e.hint ?? ''}`).toMatch(pattern);
      expect(e.hint).toMatch(/YYYY-MM-DD.*last\/past N days.*Q1-Q4 YYYY.*since YYYY-MM-DD/);
    }
  });
});

describe('resolveDateRange', () => {
  it('uses the whole day of an ISO end date', () => {
    const r = resolveDateRange('2024-10-01', '2024-12-31', NOW);
    expect([iso(r.start), iso(r.end)]).toEqual(['2024-10-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z']);
  });
  it('runs a point start until now, and a period start to its own end', () => {
    expect(iso(resolveDateRange('2024-10-01', undefined, NOW).end)).toBe(iso(NOW));
    expect(iso(resolveDateRange('since 2025-01-01', undefined, NOW).end)).toBe(iso(NOW));
    expect(iso(resolveDateRange('Q4 2024', undefined, NOW).end)).toBe('2024-12-31T23:59:59.999Z');
  });
  // Issue #14: "3 months ago" selected a single day; it starts a range that runs to now, like "past 3 months".
  it('reads "N units ago" as the start of a range that runs until now, as "past N units" does', () => {
    const ago = resolveDateRange('3 months ago', undefined, NOW);
    expect([iso(ago.start), iso(ago.end)]).toEqual(['2025-02-14T15:30:00.000Z', iso(NOW)]);
    const past = resolveDateRange('past 3 months', undefined, NOW);
    expect([iso(past.start), iso(past.end)]).toEqual([iso(ago.start), iso(ago.end)]);
    expect(ago.resolved).toBe('start_date "3 months ago" → 2025-02-14 15:30:00 UTC to 2025-05-14 15:30:00 UTC (from 3 months before now until now)');
    // As an end date it is that instant.
    expect(iso(resolveDateRange('2025-01-01', '2 weeks ago', NOW).end)).toBe('2025-04-30T15:30:00.000Z');
  });
  it('ends "today" and "this week|month|quarter|year" at now, keeping where the period ends for scheduled tests', () => {
    for (const [text, start, periodEnd] of [
      ['today', '2025-05-14T00:00:00.000Z', '2025-05-14T23:59:59.999Z'],
      ['this week', '2025-05-12T00:00:00.000Z', '2025-05-18T23:59:59.999Z'],
      ['this month', '2025-05-01T00:00:00.000Z', '2025-05-31T23:59:59.999Z'],
      ['this quarter', '2025-04-01T00:00:00.000Z', '2025-06-30T23:59:59.999Z'],
      ['this year', '2025-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z'],
    ]) {
      const r = resolveDateRange(text!, undefined, NOW);
      expect([iso(r.start), iso(r.end), r.upcomingUntil && iso(r.upcomingUntil)]).toEqual([start, iso(NOW), periodEnd]);
    }
    expect(resolveDateRange('this month', undefined, NOW).resolved).toBe('start_date "this month" → 2025-05-01 00:00:00 UTC to 2025-05-14 15:30:00 UTC (this month so far, until now)');
    // A period in the past has nothing upcoming; an explicit "today" end cuts at now too.
    expect(resolveDateRange('last month', undefined, NOW).upcomingUntil).toBeUndefined();
    expect(resolveDateRange('Q4 2024', undefined, NOW).upcomingUntil).toBeUndefined();
    const toToday = resolveDateRange('2025-05-01', 'today', NOW);
    expect([iso(toToday.end), toToday.upcomingUntil && iso(toToday.upcomingUntil)]).toEqual([iso(NOW), '2025-05-14T23:59:59.999Z']);
  });
  it('makes "last N days" exactly N × 24 h ending now, and says so', () => {
    const r = resolveDateRange('last 30 days', undefined, NOW);
    expect(r.end.getTime() - r.start.getTime()).toBe(30 * 24 * 3_600_000);
    expect(r.resolved).toBe('start_date "last 30 days" → 2025-04-14 15:30:00 UTC to 2025-05-14 15:30:00 UTC (30 × 24 h ending now)');
    expect(resolveDateRange('last 2 weeks', undefined, NOW).resolved).toMatch(/\(2 × 7 × 24 h ending now\)$/);
    expect(resolveDateRange('past 2 months', undefined, NOW).resolved).toMatch(/→ 2025-03-14 15:30:00 UTC to .*\(2 calendar months ending now\)$/);
  });
  it('labels every form with what it resolved to', () => {
    expect(resolveDateRange('Q4 2024', undefined, NOW).resolved).toBe('start_date "Q4 2024" → 2024-10-01 00:00:00 UTC to 2024-12-31 23:59:59 UTC (the whole quarter)');
    expect(resolveDateRange('2024-10-01', undefined, NOW).resolved).toBe('start_date "2024-10-01" → 2024-10-01 00:00:00 UTC to 2025-05-14 15:30:00 UTC (from the start of that UTC day until now)');
    expect(resolveDateRange('since last month', undefined, NOW).resolved).toBe('start_date "since last month" → 2025-04-01 00:00:00 UTC to 2025-05-14 15:30:00 UTC (from the start of last month until now)');
    expect(resolveDateRange('2024-10-01', '2024-12-31', NOW).resolved).toBe(
      'start_date "2024-10-01" → 2024-10-01 00:00:00 UTC (the start of that UTC day); end_date "2024-12-31" → 2024-12-31 23:59:59 UTC (end of that UTC day)',
    );
    expect(resolveDateRange('last quarter', 'this month', NOW).resolved).toBe(
      'start_date "last quarter" → 2025-01-01 00:00:00 UTC (start of the whole previous calendar quarter); end_date "this month" → 2025-05-14 15:30:00 UTC (now)',
    );
  });
  it('refuses an end before the start, naming end_date', () => {
    expect(() => resolveDateRange('2024-12-31', '2024-10-01', NOW)).toThrow(/end_date \(2024-10-01\) is before start_date \(2024-12-31\)/);
  });
  it('names end_date when only the end is unreadable', () => {
    expect(() => resolveDateRange('2024-10-01', 'soonish', NOW)).toThrow(expect.objectContaining({ parameter: 'end_date' }));
  });
});
