/**
 * get_user_summary: one person's activity. As a tester: the bugs they reported (the bug arithmetic
 * over them), in which tests and products. As a customer: the tests they created or submitted and
 * the bugs found in those tests. A name may be both.
 */
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../platform/errors.js';
import type { AnalyticsTables } from '../store/tables.js';
import { bugSummary } from './bug-counts.js';
import { sumValues, testCountsByStatus } from './group-counts.js';
import type { Period, UserSummary } from './schemas.js';
import { freshnessOf, requireAnySynced } from './synced-products.js';
import { activitySummary, testerActivity } from './tester-activity.js';

type Db = Kysely<AnalyticsTables>;

async function asTester(db: Db, name: string, period: Period): Promise<UserSummary['as_tester']> {
  const from = period?.start;
  const to = period?.end;
  // Counts from the tester_weeks rollup (tester-activity.ts); the tests from tester_tests, or for a
  // period from the period's bugs (a test counts when one of the tester's bugs in it falls inside).
  const [activity, span] = await Promise.all([
    testerActivity(db, { authors: [name], from, to }),
    period === null
      ? db.selectFrom('tester_tests').where('author', '=', name).select((eb) => eb.fn.countAll<number>().as('tests')).executeTakeFirstOrThrow()
      : db
          .selectFrom('bugs')
          .where('author', '=', name)
          .where('reported_at', '>=', from!)
          .where('reported_at', '<=', to!)
          .select((eb) => eb.fn.count<number>('test_id').distinct().as('tests'))
          .executeTakeFirstOrThrow(),
  ]);
  if (activity.length === 0) return null;
  const names = await db.selectFrom('products').where('id', 'in', activity.map((a) => a.product_id)).select(['id', 'name']).execute();
  const nameOf = new Map(names.map((p) => [Number(p.id), p.name]));
  const first = activity.reduce<string | null>((m, a) => (a.first_at !== null && (m === null || a.first_at < m) ? a.first_at : m), null);
  const last = activity.reduce<string | null>((m, a) => (a.last_at !== null && (m === null || a.last_at > m) ? a.last_at : m), null);
  return {
    bugs: activitySummary(activity),
    tests: Number(span.tests),
    products: activity
      .map((a) => ({ id: a.product_id, name: nameOf.get(a.product_id) ?? `product ${a.product_id}`, bugs: a.bugs }))
      .sort((a, b) => b.bugs - a.bugs || a.id - b.id),
    first_bug_at: first,
    last_bug_at: last,
  };
}

async function asCustomer(db: Db, name: string, period: Period): Promise<UserSummary['as_customer']> {
  const byStatus = await testCountsByStatus(db, { customer: name, from: period?.start, to: period?.end });
  const total = sumValues(byStatus);
  if (total === 0) return null;
  let tests = db.selectFrom('tests').where((eb) => eb.or([eb('created_by', '=', name), eb('submitted_by', '=', name)]));
  if (period) tests = tests.where('start_at', '>=', period.start).where('start_at', '<=', period.end);
  const [ids, span] = await Promise.all([
    tests.select('id').execute(),
    tests.select((eb) => [eb.fn.min('start_at').as('first'), eb.fn.max('start_at').as('last')]).executeTakeFirstOrThrow(),
  ]);
  return {
    tests: total,
    tests_by_status: byStatus,
    bugs: await bugSummary(db, { test_ids: ids.map((t) => t.id) }),
    first_test_at: span.first ?? null,
    last_test_at: span.last ?? null,
  };
}

export async function userSummary(db: Db, name: string, period: Period = null): Promise<UserSummary> {
  const products = await requireAnySynced(db, 'user');
  const known = await db.selectFrom('users').where('name', '=', name).select('kind').execute();
  if (known.length === 0) {
    throw new NotFoundError('User', JSON.stringify(name), 'list_users lists testers and customers by name (exact spelling, case included).');
  }
  const [tester, customer] = await Promise.all([asTester(db, name, period), asCustomer(db, name, period)]);
  return {
    user: { name, roles: known.map((k) => k.kind as 'tester' | 'customer').sort() },
    freshness: freshnessOf(products),
    period,
    as_tester: tester,
    as_customer: customer,
  };
}
