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
import { chunks, upsertRows, type StoreDb } from './write.js';

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

type BugBucketRow = { author: string | null; product_id: number; reported_at: string | null; status: string; severity: string; known: number };

/** The tester_weeks rows of some bugs (one per author, product and week). */
function tally(rows: readonly BugBucketRow[]): TesterWeeksTable[] {
  const byKey = new Map<string, TesterWeeksTable>();
  for (const r of rows) {
    if (r.author === null) continue;
    const key: TesterWeekKey = { author: r.author, product_id: Number(r.product_id), week: weekOf(r.reported_at) };
    const id = JSON.stringify([key.author, key.product_id, key.week]);
    let row = byKey.get(id);
    if (!row) byKey.set(id, (row = { ...key, ...emptyCounts() }));
    addBugs(row, { ...r, first: r.reported_at, last: r.reported_at });
  }
  return [...byKey.values()];
}

const BUCKET_COLUMNS = ['author', 'product_id', 'reported_at', 'status', 'severity', 'known'] as const;

/**
 * Rebuilds the given keys from `bugs` (a key whose bugs are all gone loses its row), inside the
 * transaction that wrote the bugs, after lockBugWrites. Per product, every (tester, week) in the
 * rectangle of the keys' testers and week span is rebuilt from one read of those testers' bugs in
 * those weeks: a superset of the keys, rebuilt just as exactly, in three statements instead of
 * three per key (a sync batch touches about 24 testers in 1-2 weeks).
 */
export async function refreshTesterWeeks(db: StoreDb, keys: Iterable<TesterWeekKey>): Promise<void> {
  const byProduct = new Map<number, { authors: Set<string>; weeks: Set<string> }>();
  for (const k of keys) {
    let entry = byProduct.get(k.product_id);
    if (!entry) byProduct.set(k.product_id, (entry = { authors: new Set(), weeks: new Set() }));
    entry.authors.add(k.author);
    entry.weeks.add(k.week);
  }
  for (const [productId, { authors, weeks }] of byProduct) {
    const dated = [...weeks].filter((w) => w !== '').sort();
    for (const part of chunks([...authors], 500)) {
      const mine = db.selectFrom('bugs').where('product_id', '=', productId).where('author', 'in', part).select(BUCKET_COLUMNS);
      if (dated.length > 0) {
        const [first, last] = [dated[0]!, dated.at(-1)!];
        await db.deleteFrom('tester_weeks').where('product_id', '=', productId).where('author', 'in', part).where('week', '>=', first).where('week', '<=', last).execute();
        const rows = await mine.where('reported_at', '>=', weekStart(first)).where('reported_at', '<', weekStart(nextWeek(last))).execute();
        await upsertRows(db, 'tester_weeks', tally(rows) as never, ['author', 'product_id', 'week']);
      }
      if (weeks.has('')) {
        await db.deleteFrom('tester_weeks').where('product_id', '=', productId).where('author', 'in', part).where('week', '=', '').execute();
        await upsertRows(db, 'tester_weeks', tally(await mine.where('reported_at', 'is', null).execute()) as never, ['author', 'product_id', 'week']);
      }
    }
  }
}

/** Fills the table from every stored bug (the migration that adds it, on a store synced before). */
export async function rebuildTesterWeeks(db: StoreDb): Promise<void> {
  await db.deleteFrom('tester_weeks').execute();
  const rows = await db.selectFrom('bugs').where('author', 'is not', null).select(BUCKET_COLUMNS).execute();
  await upsertRows(db, 'tester_weeks', tally(rows) as never, ['author', 'product_id', 'week']);
}
