/** Plain counts by one column, for the "by status / by reason" lines of the summaries. */
import type { Kysely } from 'kysely';
import type { AnalyticsTables } from '../store/tables.js';
import { bugWhere, type BugFilter } from './bug-filter.js';

type Db = Kysely<AnalyticsTables>;

/** Bugs the filter selects, by `column`; a null value counts under `none`. */
export async function bugCountsBy(db: Db, filter: BugFilter, column: 'bug_type' | 'reject_reason', none = 'unspecified'): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('bugs')
    .where((eb) => bugWhere(eb, filter))
    .select((eb) => [eb.ref(`bugs.${column}`).as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(`bugs.${column}`)
    .execute();
  const out: Record<string, number> = {};
  for (const r of rows) out[r.key ?? none] = (out[r.key ?? none] ?? 0) + Number(r.n);
  return out;
}

export interface TestScope {
  product_ids?: readonly number[];
  feature_id?: number;
  /** Only tests created or submitted by this user. */
  customer?: string;
  from?: string;
  to?: string;
}

/** Tests by status in a scope. */
export async function testCountsByStatus(db: Db, scope: TestScope): Promise<Record<string, number>> {
  let query = db.selectFrom('tests');
  if (scope.product_ids?.length) query = query.where('tests.product_id', 'in', [...scope.product_ids]);
  if (scope.feature_id !== undefined) {
    const feature = scope.feature_id;
    query = query.where('tests.id', 'in', db.selectFrom('test_features').where('test_features.feature_id', '=', feature).select('test_features.test_id'));
  }
  if (scope.customer !== undefined) {
    const who = scope.customer;
    query = query.where((eb) => eb.or([eb('tests.created_by', '=', who), eb('tests.submitted_by', '=', who)]));
  }
  if (scope.from) query = query.where('tests.start_at', '>=', scope.from);
  if (scope.to) query = query.where('tests.start_at', '<=', scope.to);
  const rows = await query.select((eb) => ['tests.status', eb.fn.countAll<number>().as('n')]).groupBy('tests.status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export const sumValues = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);
