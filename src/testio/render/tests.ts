/** Test rows as a table, shared by list_tests and the activity answer. */
import type { TestRow } from '../services/schemas.js';
import { day } from './format.js';
import { table, type Cell, type TableStyle } from './table.js';

/** `extra` adds columns computed from each row (e.g. bug counts). */
export function renderTestRows<R extends TestRow>(
  rows: readonly R[],
  style: TableStyle = 'markdown',
  extra?: { headers: string[]; cells: (row: R) => Cell[] },
): string {
  if (rows.length === 0) return 'No tests.';
  return table(
    style,
    ['ID', 'Title', 'Status', 'Type', 'Start', 'End', ...(extra?.headers ?? [])],
    rows.map((r) => [r.id, r.title, r.status, r.testing_type, day(r.start_at), day(r.end_at), ...(extra?.cells(r) ?? [])]),
  );
}
