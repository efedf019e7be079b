/**
 * The bug arithmetic over the store: one GROUP BY (status, severity), the known bugs summed, turned
 * into the same BugSummary get_test_status computes from API bugs (summaryFromCounts in
 * bug-classify.ts), so a rate here is the contract's rate, in [0, 1] or null. Grouped variants give one summary per
 * product, test, feature (null = no feature) or author in a single query.
 */
import { sql, type Kysely } from 'kysely';
import { summaryFromCounts, type BugSummary, type SeverityBucket } from '../../testio/services/bug-classify.js';
import { severityOf, statusBucket } from '../store/tester-weeks.js';
import type { AnalyticsTables } from '../store/tables.js';
import { bugWhere, canonicalBugFilter, type BugFilter } from './bug-filter.js';

type Db = Kysely<AnalyticsTables>;

/** The bugs of one status and severity: `n` of them, `known` of those known. */
export interface BucketCount {
  status: string;
  severity: string;
  known: number;
  n: number;
}

type Tally = { severity: Record<SeverityBucket, number>; status: BugSummary['by_status']; known: number };

const emptyTally = (): Tally => ({
  severity: { critical: 0, high: 0, low: 0, visual: 0, content: 0, custom: 0 },
  status: { accepted: 0, auto_accepted: 0, rejected: 0, open: 0 },
  known: 0,
});

function add(t: Tally, row: BucketCount): void {
  const n = Number(row.n);
  t.severity[severityOf(row.severity)] += n;
  t.status[statusBucket(row.status)] += n;
  t.known += Number(row.known);
}

/** Bucket counts → BugSummary (an unknown severity counts as custom, an unknown status as open). */
export function summaryFromBuckets(rows: readonly BucketCount[]): BugSummary {
  const t = emptyTally();
  for (const row of rows) add(t, row);
  return summaryFromCounts(t.severity, t.status, t.known);
}

// Grouped by (status, severity) only, `known` summed: fewer groups, and every index that starts
// with the filter's columns then status and severity gives them in group order, without a sort.
const KNOWN = sql<number>`sum(bugs.known)`;

/** The filter fields product_bug_counts has columns for (under the names they have in bugs). */
const ROLLUP_FIELDS: ReadonlySet<string> = new Set(['product_ids', 'statuses', 'severities', 'known', 'reject_reasons'] satisfies Array<keyof BugFilter>);

/** Whether product_bug_counts can answer the filter: it narrows by nothing the rollup has no column for. */
export const rollupServes = (filter: BugFilter): boolean => Object.keys(canonicalBugFilter(filter)).every((field) => ROLLUP_FIELDS.has(field));

/** The summary of every bug the filter selects. */
export async function bugSummary(db: Db, filter: BugFilter): Promise<BugSummary> {
  if (rollupServes(filter)) {
    // The rollup's columns carry the bugs table's names, so bugWhere reads it as `bugs`.
    const rows = await db
      .selectFrom('product_bug_counts as bugs')
      .where((eb) => bugWhere(eb as never, filter))
      .select((eb) => ['bugs.status', 'bugs.severity', sql<number>`sum(bugs.bugs * bugs.known)`.as('known'), eb.fn.sum<number>('bugs.bugs').as('n')])
      .groupBy(['bugs.status', 'bugs.severity'])
      .execute();
    return summaryFromBuckets(rows);
  }
  const rows = await db
    .selectFrom('bugs')
    .where((eb) => bugWhere(eb, filter))
    .select((eb) => ['bugs.status', 'bugs.severity', KNOWN.as('known'), eb.fn.countAll<number>().as('n')])
    .groupBy(['bugs.status', 'bugs.severity'])
    .execute();
  return summaryFromBuckets(rows);
}

export type BugGroup = 'product_id' | 'test_id' | 'feature_id' | 'author' | 'reject_reason' | 'bug_type';

/** One summary per value of `by` (a null key groups the bugs that have none), in one query. */
export async function bugSummariesBy<K extends BugGroup>(db: Db, filter: BugFilter, by: K): Promise<Map<AnalyticsTables['bugs'][K], BugSummary>> {
  const column = `bugs.${by}` as const;
  const rows = await db
    .selectFrom('bugs')
    .where((eb) => bugWhere(eb, filter))
    .select((eb) => [eb.ref(column).as('key'), 'bugs.status', 'bugs.severity', KNOWN.as('known'), eb.fn.countAll<number>().as('n')])
    .groupBy([column, 'bugs.status', 'bugs.severity'])
    .execute();
  const tallies = new Map<AnalyticsTables['bugs'][K], BucketCount[]>();
  for (const row of rows) {
    const key = row.key as AnalyticsTables['bugs'][K];
    const list = tallies.get(key) ?? [];
    list.push(row);
    tallies.set(key, list);
  }
  return new Map([...tallies].map(([key, list]) => [key, summaryFromBuckets(list)]));
}

/** How many bugs the filter selects. */
export async function countBugs(db: Db, filter: BugFilter): Promise<number> {
  const row = await db
    .selectFrom('bugs')
    .where((eb) => bugWhere(eb, filter))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
