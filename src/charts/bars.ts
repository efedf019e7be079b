/** Horizontal bars: one labelled value per row, scaled to the largest. */
import { COLORS, el, text } from './svg.js';

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

export interface BarChart {
  title: string;
  bars: Bar[];
  width?: number;
}

const ROW = 22;
const LABEL_WIDTH = 120;

export function barChart({ title, bars, width = 480 }: BarChart): { height: number; body: string } {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const track = width - LABEL_WIDTH - 56;
  const rows = bars.map((bar, i) => {
    const y = 28 + i * ROW;
    const length = Math.round((Math.max(0, bar.value) / max) * track);
    return el('g', { 'data-label': bar.label, 'data-value': bar.value }, [
      text(8, y + 12, bar.label, { fill: COLORS.muted }),
      el('rect', { x: LABEL_WIDTH, y, width: track, height: 14, rx: 3, fill: COLORS.track }),
      el('rect', { x: LABEL_WIDTH, y, width: length, height: 14, rx: 3, fill: bar.color ?? COLORS.neutral }),
      text(LABEL_WIDTH + track + 8, y + 12, String(bar.value), { 'font-weight': 600 }),
    ]);
  });
  return { height: 28 + bars.length * ROW, body: [text(8, 16, title, { 'font-size': 14, 'font-weight': 600 }), ...rows].join('') };
}
