/** Small wording helpers shared by every area's answers. */

/** "3 bugs", "1 bug". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** What an empty table cell shows. */
export const EMPTY_CELL = '—';

/**
 * The one table-cell escaper: pipes escaped, line breaks (with the spaces around them) folded to
 * one space, so a value never breaks its markdown row. A plain string → string function, so it
 * composes with other filters (e.g. `escapeTableCell(neutralise(text))` for untrusted text).
 */
export function escapeTableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
