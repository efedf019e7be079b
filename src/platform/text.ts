/** Small wording helpers shared by every area's answers. */
import { tableCell } from './untrusted-text.js';

/** "3 bugs", "1 bug". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** What an empty table cell shows. */
export const EMPTY_CELL = '—';

/**
 * The one table-cell escaper: pipes escaped, line breaks (with the spaces around them) folded to
 * one space, so a value never breaks its markdown row. Idempotent (see untrusted-text.ts): values
 * from a renderer's display copy are escaped already and must not be escaped twice.
 */
export function escapeTableCell(text: string): string {
  return tableCell(text);
}
