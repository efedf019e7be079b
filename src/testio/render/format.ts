/** Small formatters every TestIO rendering shares. */
import { mapStrings, unescapeMarkdown } from '../../platform/untrusted-text.js';
import { timestampMs } from '../dates/timestamp.js';

/** 0.4567 → "45.7%"; null (no bugs) → "—". */
export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** ISO timestamp → "2024-10-01 09:00 UTC"; missing → "—". */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = timestampMs(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** ISO timestamp → "2024-10-01". */
export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = timestampMs(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
}

export function hours(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value >= 48 ? `${Math.round((value / 24) * 10) / 10} days` : `${value} h`;
}

/** `{running: 3, archived: 2}` → "running 3, archived 2" (largest first). */
export function counts(map: Record<string, number>): string {
  const entries = Object.entries(map).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ${n}`).join(', ');
}

/**
 * A structured result as the text of format "json". Renderers get a display copy: its values go
 * back without markdown escapes (still one line, free of controls). Indented while short; compact
 * rather than cut, so it always parses.
 */
export function jsonText(value: unknown): string {
  const plain = mapStrings(value, unescapeMarkdown);
  const pretty = JSON.stringify(plain, null, 2);
  return pretty.length <= 18_000 ? pretty : JSON.stringify(plain);
}
