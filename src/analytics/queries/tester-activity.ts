/**
 * Testers' bug counts per product over a period, for get_user_summary (list_users adds up the same
 * parts per tester in SQL, list-users.ts): the whole weeks of the period from the tester_weeks
 * rollup, the partial weeks at its edges from `bugs`, added together. The same bugs as a filter on reported_at over `bugs` alone
 * (test/analytics/consistency.test.ts checks both against a recount of the API data).
 */
import type { Kysely } from 'kysely';
import { summaryFromCounts, type BugSummary } from '../../testio/services/bug-classify.js';
import type { AnalyticsTables, TesterWeeksTable } from '../store/tables.js';
import { addBugs, mergeSpan, nextWeek, prevWeek, weekOf, weekStart } from '../store/tester-weeks.js';

type Db = Kysely<AnalyticsTables>;

export interface ActivityQuery {
  /** Only these testers (exact names). */
  authors?: readonly string[];
  product_ids?: readonly number[];
  /** ISO 8601 UTC bounds on reported_at, inclusive. */
  from?: string;
  to?: string;
}

/** One tester in one product: the rollup's counts. */
export type Activity = TesterWeeksTable;

interface Segment {
  gte?: string;
  lt?: string;
  lte?: string;
}

export interface PeriodSplit {
  /** Whole weeks to read from the rollup (week keys, inclusive); null: none. */
  weeks: { gte?: string; lte?: string; datedOnly: boolean } | null;
  /** What is left, read from bugs. */
  raw: Segment[];
}

const iso = (value: string) => new Date(value).toISOString();
const lastInstant = (week: string) => new Date(Date.parse(weekStart(nextWeek(week))) - 1).toISOString();

/** Splits [from, to] into the whole weeks inside it and the partial weeks at its edges. */
export function splitPeriod(from?: string, to?: string): PeriodSplit {
  if (from === undefined && to === undefined) return { weeks: { datedOnly: false }, raw: [] };
  const f = from === undefined ? undefined : iso(from);
  const t = to === undefined ? undefined : iso(to);
  const first = f === undefined ? undefined : f === weekStart(weekOf(f)) ? weekOf(f) : nextWeek(weekOf(f));
  const last = t === undefined ? undefined : t >= lastInstant(weekOf(t)) ? weekOf(t) : prevWeek(weekOf(t));
  if (first !== undefined && last !== undefined && first > last) return { weeks: null, raw: [{ gte: f, lte: t }] };
  const raw: Segment[] = [];
  if (f !== undefined && f < weekStart(first!)) raw.push({ gte: f, lt: weekStart(first!) });
  if (t !== undefined) {
    const after = weekStart(nextWeek(last!));
    if (after <= t) raw.push({ gte: after, lte: t });
  }
  return { weeks: { gte: first, lte: last, datedOnly: true }, raw };
}

const SUMS = ['bugs', 'accepted', 'auto_accepted', 'rejected', 'open', 'critical', 'high', 'low', 'visual', 'content', 'custom', 'known'] as const;

/** Per tester and product: their bugs reported in the period (testers without any are absent). */
export async function testerActivity(db: Db, q: ActivityQuery): Promise<Activity[]> {
  const split = splitPeriod(q.from, q.to);
  const out = new Map<string, Activity>();
  const entry = (author: string, productId: number): Activity => {
    const key = `${productId}\u0000${author}`;
    let row = out.get(key);
    if (!row) {
      row = { author, product_id: productId, week: '', first_at: null, last_at: null, ...Object.fromEntries(SUMS.map((s) => [s, 0])) } as Activity;
      out.set(key, row);
    }
    return row;
  };
  if (split.weeks) {
    const m = split.weeks;
    let rollup = db.selectFrom('tester_weeks');
    if (q.authors?.length) rollup = rollup.where('author', 'in', [...q.authors]);
    if (q.product_ids?.length) rollup = rollup.where('product_id', 'in', [...q.product_ids]);
    if (m.gte !== undefined) rollup = rollup.where('week', '>=', m.gte);
    if (m.lte !== undefined) rollup = rollup.where('week', '<=', m.lte);
    if (m.datedOnly) rollup = rollup.where('week', '<>', '');
    const rows = await rollup
      .select((eb) => ['author', 'product_id', ...SUMS.map((s) => eb.fn.sum<number>(s).as(s)), eb.fn.min('first_at').as('first_at'), eb.fn.max('last_at').as('last_at')])
      .groupBy(['author', 'product_id'])
      .execute();
    for (const r of rows) {
      const row = entry(r.author, Number(r.product_id));
      for (const s of SUMS) row[s] += Number((r as Record<string, unknown>)[s]);
      mergeSpan(row, r.first_at ?? null, r.last_at ?? null);
    }
  }
  for (const seg of split.raw) {
    // Testers by name (every bug's author is a tester in users, written with the bug and never
    // removed), so each one's bugs are a range of bugs(author, reported_at, ...) instead of a sort
    // of the whole period by author.
    let raw = db.selectFrom('bugs').where('author', 'in', q.authors?.length ? [...q.authors] : db.selectFrom('users').select('name').where('kind', '=', 'tester'));
    if (q.product_ids?.length) raw = raw.where('product_id', 'in', [...q.product_ids]);
    if (seg.gte !== undefined) raw = raw.where('reported_at', '>=', seg.gte);
    if (seg.lt !== undefined) raw = raw.where('reported_at', '<', seg.lt);
    if (seg.lte !== undefined) raw = raw.where('reported_at', '<=', seg.lte);
    const rows = await raw
      .select((eb) => ['author', 'product_id', 'status', 'severity', 'known', eb.fn.countAll<number>().as('n'), eb.fn.min('reported_at').as('first'), eb.fn.max('reported_at').as('last')])
      .groupBy(['author', 'product_id', 'status', 'severity', 'known'])
      .execute();
    for (const r of rows) addBugs(entry(r.author!, Number(r.product_id)), { ...r, first: r.first ?? null, last: r.last ?? null });
  }
  return [...out.values()].filter((a) => a.bugs > 0);
}

/** The bug summary of rollup counts (the same arithmetic as every other summary). */
export function activitySummary(rows: readonly Activity[]): BugSummary {
  const sum = (s: (typeof SUMS)[number]) => rows.reduce((n, r) => n + r[s], 0);
  return summaryFromCounts(
    { critical: sum('critical'), high: sum('high'), low: sum('low'), visual: sum('visual'), content: sum('content'), custom: sum('custom') },
    { accepted: sum('accepted'), auto_accepted: sum('auto_accepted'), rejected: sum('rejected'), open: sum('open') },
    sum('known'),
  );
}
