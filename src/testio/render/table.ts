/** Tables for chat answers: markdown pipes, or aligned plain text for format "text". */
import { EMPTY_CELL, escapeTableCell } from '../../platform/text.js';
import { unescapeMarkdown } from '../../platform/untrusted-text.js';

export type Cell = string | number | boolean | null | undefined;

function cell(value: Cell): string {
  if (value === null || value === undefined || value === '') return EMPTY_CELL;
  return escapeTableCell(String(value));
}

export function markdownTable(headers: readonly string[], rows: readonly Cell[][]): string {
  const head = `| ${headers.join(' | ')} |`;
  const rule = `|${headers.map(() => '---').join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export function textTable(headers: readonly string[], rows: readonly Cell[][]): string {
  const all = [headers.map(String), ...rows.map((r) => r.map((c) => unescapeMarkdown(cell(c))))];
  const widths = headers.map((_, i) => Math.min(60, Math.max(...all.map((r) => (r[i] ?? '').length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export type TableStyle = 'markdown' | 'text';

export function table(style: TableStyle, headers: readonly string[], rows: readonly Cell[][]): string {
  return style === 'markdown' ? markdownTable(headers, rows) : textTable(headers, rows);
}
