/**
 * list_users: testers (bug authors) and customers (test creators and submitters) with their
 * activity in a period: bugs reported (by reported_at) or tests created (by start_at).
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { AnalyticsTables } from '../store/tables.js';
import { MAX_USERS, type UserKind } from './limits.js';
import type { UserRow } from './schemas.js';
import { splitPeriod } from './tester-activity.js';

type Db = Kysely<AnalyticsTables>;

/** One branch of the testers' union: a tester's bugs in one product over part of the period. */
type ActivityPart = { author: string; product_id: number; bugs: number; accepted: number; first_at: string | null; last_at: string | null };


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

/**
 * Testers in one statement: the period's whole weeks from tester_weeks and its partial weeks from
 * bugs (splitPeriod, as get_user_summary reads them), added up per tester in SQL. One query and one
 * row per tester instead of three queries and a row per tester and product merged in JS: 3.4 ms of
 * CPU per call fell to about 2.4 ms on the large store (docs/PERFORMANCE.md).
 */
async function testers(db: Db, q: UserQuery): Promise<UserRow[]> {
  const split = splitPeriod(q.from, q.to);
  const authors = q.name !== undefined ? [q.name] : undefined;
  let parts: SelectQueryBuilder<AnalyticsTables, never, ActivityPart> | undefined;
  const add = (part: SelectQueryBuilder<AnalyticsTables, never, ActivityPart>) => (parts = parts ? parts.unionAll(part) : part);
  if (split.weeks) {
    const w = split.weeks;
    let rollup = db.selectFrom('tester_weeks');
    if (authors) rollup = rollup.where('author', 'in', authors);
    if (q.product_ids?.length) rollup = rollup.where('product_id', 'in', [...q.product_ids]);
    if (w.gte !== undefined) rollup = rollup.where('week', '>=', w.gte);
    if (w.lte !== undefined) rollup = rollup.where('week', '<=', w.lte);
    if (w.datedOnly) rollup = rollup.where('week', '<>', '');
    add(rollup.select((eb) => ['author', 'product_id', 'bugs', eb('accepted', '+', eb.ref('auto_accepted')).as('accepted'), 'first_at', 'last_at']) as never);
  }
  for (const seg of split.raw) {
    // Testers by name: each one's bugs are a range of bugs(author, reported_at, ...), no sort of the period.
    let raw = db.selectFrom('bugs').where('author', 'in', authors ?? db.selectFrom('users').select('name').where('kind', '=', 'tester'));
    if (q.product_ids?.length) raw = raw.where('product_id', 'in', [...q.product_ids]);
    if (seg.gte !== undefined) raw = raw.where('reported_at', '>=', seg.gte);
    if (seg.lt !== undefined) raw = raw.where('reported_at', '<', seg.lt);
    if (seg.lte !== undefined) raw = raw.where('reported_at', '<=', seg.lte);
    add(
      raw
        .select((eb) => [
          'author', 'product_id', eb.fn.countAll<number>().as('bugs'),
          eb.fn.countAll<number>().filterWhere('status', 'in', ['accepted', 'auto_accepted']).as('accepted'),
          eb.fn.min('reported_at').as('first_at'), eb.fn.max('reported_at').as('last_at'),
        ])
        .groupBy(['author', 'product_id']) as never,
    );
  }
  if (!parts) return [];
  const rows = await db
    .selectFrom(parts.as('p'))
    .select((eb) => [
      'p.author',
      eb.fn.sum<number>('p.bugs').as('bugs'),
      eb.fn.sum<number>('p.accepted').as('accepted'),
      eb.fn.count<number>('p.product_id').distinct().as('products'),
      eb.fn.min('p.first_at').as('first_at'),
      eb.fn.max('p.last_at').as('last_at'),
    ])
    .groupBy('p.author')
    .execute();
  return rows.map((r) => ({
    name: r.author as string,
    kind: 'tester',
    bugs_reported: Number(r.bugs),
    accepted_bugs: Number(r.accepted),
    tests_created: 0,
    products: Number(r.products),
    first_activity_at: r.first_at ?? null,
    last_activity_at: r.last_at ?? null,
  }));
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
