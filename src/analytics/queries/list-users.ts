/**
 * list_users: testers (bug authors) and customers (test creators and submitters) with their
 * activity in a period: bugs reported (by reported_at) or tests created (by start_at).
 */
import type { Kysely } from 'kysely';
import type { AnalyticsTables } from '../store/tables.js';
import type { UserRow } from './schemas.js';
import { testerActivity } from './tester-activity.js';

type Db = Kysely<AnalyticsTables>;

export const USER_KINDS = ['tester', 'customer'] as const;
export type UserKind = (typeof USER_KINDS)[number];
export const MAX_USERS = 100;

export interface UserQuery {
  kind: UserKind | 'all';
  product_ids?: readonly number[];
  /** ISO 8601 UTC, inclusive. */
  from?: string;
  to?: string;
  /** Only this user (exact name). */
  name?: string;
  limit?: number;
}

export interface UserList {
  active_users: number;
  returned: number;
  truncated: boolean;
  users: UserRow[];
}

/** Testers from the tester_weeks rollup (whole weeks) and the bugs of the period's partial weeks. */
async function testers(db: Db, q: UserQuery): Promise<UserRow[]> {
  const activity = await testerActivity(db, { authors: q.name !== undefined ? [q.name] : undefined, product_ids: q.product_ids, from: q.from, to: q.to, counts: 'activity' });
  const byName = new Map<string, UserRow>();
  for (const a of activity) {
    let row = byName.get(a.author);
    if (!row) {
      row = { name: a.author, kind: 'tester', bugs_reported: 0, accepted_bugs: 0, tests_created: 0, products: 0, first_activity_at: null, last_activity_at: null };
      byName.set(a.author, row);
    }
    row.bugs_reported += a.bugs;
    row.accepted_bugs += a.accepted + a.auto_accepted;
    row.products += 1;
    if (a.first_at !== null && (row.first_activity_at === null || a.first_at < row.first_activity_at)) row.first_activity_at = a.first_at;
    if (a.last_at !== null && (row.last_activity_at === null || a.last_at > row.last_activity_at)) row.last_activity_at = a.last_at;
  }
  return [...byName.values()];
}

async function customers(db: Db, q: UserQuery): Promise<UserRow[]> {
  // A test created and submitted by the same person counts once for them (UNION drops the twin row).
  const role = (column: 'created_by' | 'submitted_by') => {
    let query = db.selectFrom('tests').where(`tests.${column}`, 'is not', null);
    if (q.product_ids?.length) query = query.where('tests.product_id', 'in', [...q.product_ids]);
    if (q.from) query = query.where('tests.start_at', '>=', q.from);
    if (q.to) query = query.where('tests.start_at', '<=', q.to);
    if (q.name !== undefined) query = query.where(`tests.${column}`, '=', q.name);
    return query.select([`tests.${column} as name`, 'tests.id', 'tests.product_id', 'tests.start_at']);
  };
  const rows = await db
    .selectFrom(role('created_by').union(role('submitted_by')).as('t'))
    .select((eb) => [
      't.name',
      eb.fn.countAll<number>().as('tests'),
      eb.fn.count<number>('t.product_id').distinct().as('products'),
      eb.fn.min('t.start_at').as('first'),
      eb.fn.max('t.start_at').as('last'),
    ])
    .groupBy('t.name')
    .execute();
  return rows.map((r) => ({
    name: r.name as string,
    kind: 'customer',
    bugs_reported: 0,
    accepted_bugs: 0,
    tests_created: Number(r.tests),
    products: Number(r.products),
    first_activity_at: r.first ?? null,
    last_activity_at: r.last ?? null,
  }));
}

/** Most active first (bugs reported or tests created), then most recent, then by name. */
export async function listUsers(db: Db, q: UserQuery): Promise<UserList> {
  const [t, c] = await Promise.all([q.kind === 'customer' ? [] : testers(db, q), q.kind === 'tester' ? [] : customers(db, q)]);
  const all = [...t, ...c].sort(
    (a, b) =>
      b.bugs_reported + b.tests_created - (a.bugs_reported + a.tests_created) ||
      (b.last_activity_at ?? '').localeCompare(a.last_activity_at ?? '') ||
      a.name.localeCompare(b.name) ||
      a.kind.localeCompare(b.kind),
  );
  const shown = all.slice(0, q.limit ?? MAX_USERS);
  return { active_users: all.length, returned: shown.length, truncated: shown.length < all.length, users: shown };
}
