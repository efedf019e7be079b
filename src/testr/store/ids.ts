/**
 * Test definition and run ids: UUID strings. Rows made before ids were UUIDs keep their old
 * whole-number id as legacy_id, and a lookup by that number still finds them.
 */
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { CANONICAL_LEGACY_ID } from '../ids.js';

export const newId = (): string => randomUUID();

/** SQL that matches a row of `alias` by its UUID, or by its old whole-number id when `ref` is one. */
export function matchesRef(alias: string, ref: string): RawBuilder<unknown> {
  const table = sql.ref(alias);
  if (!CANONICAL_LEGACY_ID.test(ref)) return sql`${table}.id = ${ref}`;
  return sql`(${table}.id = ${ref} OR ${table}.legacy_id = ${Number(ref)})`;
}
