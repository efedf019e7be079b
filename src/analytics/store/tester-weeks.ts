/**
 * tester_weeks: each tester's bugs per product and week of reported_at (Monday to Sunday, UTC), as
 * the counts the bug summary is made of (by status, by severity, known) with the first and last
 * report. list_users and get_user_summary read whole weeks from here instead of every bug (a tester
 * has about 9,000 bugs on the large store, 90 days of every tester about 18,000 bugs but 2,300 rows
 * here), and only the partial weeks at a period's edges from `bugs`. Weeks, not weeks: a period's
 * partial edges are then at most 13 days of bugs.
 *
 * Kept exact by recomputing, never by adding deltas: every write of bugs (replaceBugs, upsertBug)
 * collects the (author, product, week) keys of the rows it replaces and of the rows it writes, and
 * rebuilds those keys from `bugs` in the same transaction. Bugs without an author are no tester's
 * and are not counted here; bugs without a date sit in week ''.
 */
import { PostgresAdapter, sql } from 'kysely';
import { SEVERITY_BUCKETS, type BugSummary, type SeverityBucket } from '../../testio/services/bug-classify.js';
import type { TesterWeeksTable } from './tables.js';
import { upsertRows, type StoreDb } from './write.js';

export type StatusBucket = keyof BugSummary['by_status'];

/** The bug summary's buckets of a stored status and severity (an unknown severity is custom, an unknown status open). */
export const statusBucket = (status: string): StatusBucket => (status === 'accepted' || status === 'auto_accepted' || status === 'rejected' ? status : 'open');
export const severityOf = (severity: string): SeverityBucket => ((SEVERITY_BUCKETS as readonly string[]).includes(severity) ? (severity as SeverityBucket) : 'custom');

const DAY = 86_400_000;
const dayKey = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * The week of a stored reported_at (ISO 8601 UTC): the date of its Monday (UTC), 'YYYY-MM-DD', so
 * keys sort by time; '' without a date.
 */
export function weekOf(reportedAt: string | null): string {
  if (!reportedAt) return '';
  const day = Math.floor(Date.parse(reportedAt) / DAY);
  return dayKey(day - ((day + 3) % 7)); // 1970-01-01 was a Thursday
}

/** The first instant of a week, as stored timestamps are written, and the keys of its neighbours. */
export const weekStart = (week: string): string => `${week}T00:00:00.000Z`;
export const nextWeek = (week: string): string => dayKey(Date.parse(weekStart(week)) / DAY + 7);
export const prevWeek = (week: string): string => dayKey(Date.parse(weekStart(week)) / DAY - 7);

export interface TesterWeekKey {
  author: string;
  product_id: number;
  week: string;
}

/** The keys of bug rows (those without an author are skipped). */
export function keysOf(rows: ReadonlyArray<{ author: string | null; product_id: number; reported_at: string | null }>): TesterWeekKey[] {
  return rows.flatMap((r) => (r.author === null ? [] : [{ author: r.author, product_id: Number(r.product_id), week: weekOf(r.reported_at) }]));
}

type Counts = Omit<TesterWeeksTable, 'author' | 'product_id' | 'week'>;

const emptyCounts = (): Counts => ({
  bugs: 0, accepted: 0, auto_accepted: 0, rejected: 0, open: 0,
  critical: 0, high: 0, low: 0, visual: 0, content: 0, custom: 0, known: 0, first_at: null, last_at: null,
});

/** Adds one bug (or `n` bugs of one bucket, first and last reported at the given times) to counts. */
export function addBugs(c: Counts, b: { status: string; severity: string; known: number; n?: number; first: string | null; last: string | null }): void {
  const n = Number(b.n ?? 1);
  c.bugs += n;
  c[statusBucket(b.status)] += n;
  c[severityOf(b.severity)] += n;
  if (Number(b.known) === 1) c.known += n;
  mergeSpan(c, b.first, b.last);
}

/** Widens the first and last report of counts to include [first, last]. */
export function mergeSpan(c: Pick<Counts, 'first_at' | 'last_at'>, first: string | null, last: string | null): void {
  if (first !== null && (c.first_at === null || first < c.first_at)) c.first_at = first;
  if (last !== null && (c.last_at === null || last > c.last_at)) c.last_at = last;
}

/**
 * Makes the transactions that write bugs take turns, until they commit. On PostgreSQL the sync
 * writes several batches at once, and two transactions rebuilding one key would each miss the
 * other's uncommitted bugs; in turns, under READ COMMITTED, each one reads every bug committed
 * before it plus its own. Taken first, before any row lock, so it cannot close a deadlock. SQLite's
 * write transactions already take turns (BEGIN IMMEDIATE).
 */
export async function lockBugWrites(db: StoreDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`SELECT pg_advisory_xact_lock(hashtext('bug writes ' || current_schema()))`.execute(db);
  }
}

/**
 * Rebuilds the given keys from `bugs` (a key whose bugs are all gone loses its row), inside the
 * transaction that wrote the bugs, after lockBugWrites.
 */
export async function refreshTesterWeeks(db: StoreDb, keys: Iterable<TesterWeekKey>): Promise<void> {
  const unique = new Map<string, TesterWeekKey>();
  for (const k of keys) unique.set(JSON.stringify([k.author, k.product_id, k.week]), k);
  for (const k of unique.values()) {
    await db.deleteFrom('tester_weeks').where('author', '=', k.author).where('product_id', '=', k.product_id).where('week', '=', k.week).execute();
    let q = db.selectFrom('bugs').where('author', '=', k.author).where('product_id', '=', k.product_id);
    q = k.week === '' ? q.where('reported_at', 'is', null) : q.where('reported_at', '>=', weekStart(k.week)).where('reported_at', '<', weekStart(nextWeek(k.week)));
    const buckets = await q
      .select((eb) => ['status', 'severity', 'known', eb.fn.countAll<number>().as('n'), eb.fn.min('reported_at').as('first'), eb.fn.max('reported_at').as('last')])
      .groupBy(['status', 'severity', 'known'])
      .execute();
    if (buckets.length === 0) continue;
    const counts = emptyCounts();
    for (const b of buckets) addBugs(counts, b);
    await db.insertInto('tester_weeks').values({ ...k, ...counts }).execute();
  }
}

/** Fills the table from every stored bug (the migration that adds it, on a store synced before). */
export async function rebuildTesterWeeks(db: StoreDb): Promise<void> {
  await db.deleteFrom('tester_weeks').execute();
  const rows = await db
    .selectFrom('bugs')
    .where('author', 'is not', null)
    .select(['author', 'product_id', 'reported_at', 'status', 'severity', 'known'])
    .execute();
  const byKey = new Map<string, TesterWeeksTable>();
  for (const r of rows) {
    const key: TesterWeekKey = { author: r.author!, product_id: Number(r.product_id), week: weekOf(r.reported_at) };
    const id = JSON.stringify([key.author, key.product_id, key.week]);
    let row = byKey.get(id);
    if (!row) byKey.set(id, (row = { ...key, ...emptyCounts() }));
    addBugs(row, { ...r, first: r.reported_at, last: r.reported_at });
  }
  await upsertRows(db, 'tester_weeks', [...byKey.values()] as never, ['author', 'product_id', 'week']);
}
