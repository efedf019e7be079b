/**
 * The one way the Testr repositories talk to their database: raw SQL through Kysely's `sql` tag,
 * which binds values as parameters in either dialect (`?` on SQLite, `$1` on PostgreSQL), on a
 * connection or a transaction. The SQL is written once for both; the few places the dialects
 * differ are the fragments below.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';

export type StoreDialect = 'sqlite' | 'postgres';

/** A connection or a transaction. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Queryable = Kysely<any>;

export async function all<T>(q: Queryable, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(q)).rows;
}

export async function first<T>(q: Queryable, query: RawBuilder<T>): Promise<T | undefined> {
  return (await query.execute(q)).rows[0];
}

/** Runs a write; the number of rows it changed. */
export async function exec(q: Queryable, query: RawBuilder<unknown>): Promise<number> {
  return Number((await query.execute(q)).numAffectedRows ?? 0n);
}

/** Row locks: PostgreSQL takes them per row; SQLite's IMMEDIATE transaction already holds the whole database. */
export const forUpdate = (dialect: StoreDialect) => (dialect === 'postgres' ? sql` FOR UPDATE` : sql``);

/** Case-insensitive LIKE (SQLite's LIKE already is, for ASCII). */
export const ilike = (dialect: StoreDialect) => (dialect === 'postgres' ? sql`ILIKE` : sql`LIKE`);

/**
 * Serialises, inside a write transaction, everything that moves one user's credits or counts one
 * user's running runs (a reservation, a claim, a first opening balance) across every process. On
 * SQLite the IMMEDIATE transaction already does; on PostgreSQL a transaction-scoped advisory lock
 * (released at commit) does, since READ COMMITTED alone would let two starts read the same balance.
 */
export async function lockUser(tx: Queryable, dialect: StoreDialect, user: string): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`testr user ${user}`}))`.execute(tx);
}

/** One claimant at a time picks the next run (so two never count the same free slot). */
export async function lockClaims(tx: Queryable, dialect: StoreDialect): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext('testr claims'))`.execute(tx);
}
