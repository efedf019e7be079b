/**
 * Test definition and run ids: UUID strings. Rows made before ids were UUIDs keep their old
 * whole-number id as legacy_id, and a lookup by that number still finds them.
 */
import { randomUUID } from 'node:crypto';
import { CANONICAL_LEGACY_ID } from '../ids.js';

export const newId = (): string => randomUUID();

/** Named parameters for {@link matchesRef}: the UUID, or the legacy number. */
export function refParams(ref: string): { ref: string; legacy: number | null } {
  return { ref, legacy: CANONICAL_LEGACY_ID.test(ref) ? Number(ref) : null };
}

/** SQL that matches a row of `alias` by @ref (its UUID) or @legacy (its old whole-number id). */
export const matchesRef = (alias: string) => `(${alias}.id = @ref OR (@legacy IS NOT NULL AND ${alias}.legacy_id = @legacy))`;
