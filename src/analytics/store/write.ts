/**
 * Low-level writes shared by the upserts: batched inserts that update on conflict (the same
 * `ON CONFLICT ... DO UPDATE SET col = excluded.col` in SQLite and PostgreSQL) and deletes by id
 * lists, both chunked below either dialect's bound-parameter limit.
 */
import type { Kysely } from 'kysely';
import type { AnalyticsTables } from './tables.js';

export type StoreDb = Kysely<AnalyticsTables>;
type Table = keyof AnalyticsTables;
type Row = Record<string, unknown>;

/** Bound parameters per statement, under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;
/** Ids per `IN (...)` list. */
const ID_CHUNK = 1_000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts rows; a row whose key exists is updated (every column but the key and `keep`), so
 * writing the same data twice leaves the same rows.
 */
export async function upsertRows<T extends Table>(db: StoreDb, table: T, rows: readonly Row[], key: readonly string[], keep: readonly string[] = []): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const update = columns.filter((c) => !key.includes(c) && !keep.includes(c));
  const loose = db as unknown as Kysely<Record<string, Row>>;
  for (const part of chunks(rows, Math.max(1, Math.floor(MAX_PARAMS / columns.length)))) {
    const insert = loose.insertInto(table as string).values(part);
    await (update.length === 0
      ? insert.onConflict((oc) => oc.columns(key as string[]).doNothing())
      : insert.onConflict((oc) =>
          oc.columns(key as string[]).doUpdateSet((eb) => Object.fromEntries(update.map((c) => [c, eb.ref(`excluded.${c}`)])) as never),
        )
    ).execute();
  }
}

/** DELETE FROM table WHERE column IN (ids), in chunks. */
export async function deleteWhereIn<T extends Table>(db: StoreDb, table: T, column: string, ids: readonly number[]): Promise<void> {
  const loose = db as unknown as Kysely<Record<string, Row>>;
  for (const part of chunks([...new Set(ids)], ID_CHUNK)) await loose.deleteFrom(table as string).where(column, 'in', part).execute();
}
