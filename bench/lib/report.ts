/** One benchmark figure beside its baseline, and the table printed at the end. */
import { round } from './stats.js';

export interface Row {
  section: string;
  metric: string;
  value: number;
  unit: string;
  /** The same measurement on the bare baseline (or the reference it is counted against). */
  baseline?: number;
  baselineLabel?: string;
  /** Target in words, e.g. "<= 1.25x baseline". */
  target?: string;
  met?: boolean;
  note?: string;
}

export function ratio(row: Row): number | undefined {
  return row.baseline && row.baseline > 0 ? row.value / row.baseline : undefined;
}

function cells(row: Row): string[] {
  const r = ratio(row);
  return [
    row.section,
    row.metric,
    `${round(row.value)} ${row.unit}`,
    row.baseline === undefined ? '' : `${round(row.baseline)} ${row.unit}${row.baselineLabel ? ` (${row.baselineLabel})` : ''}`,
    r === undefined ? '' : `${round(r)}x`,
    row.target ?? '',
    row.met === undefined ? '' : row.met ? 'met' : 'MISSED',
  ];
}

export function formatTable(rows: Row[]): string {
  const header = ['section', 'figure', 'value', 'baseline', 'ratio', 'target', ''];
  const body = rows.map(cells);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `  - ${r.section} / ${r.metric}: ${r.note}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
