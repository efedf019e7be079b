/**
 * A trend line: one or more series over ordered x labels (periods), scaled to the largest value
 * (or to 0..1 for rates). Every point carries its series, x and value as data attributes, so a
 * test can check the drawing against the data; a null value leaves a gap.
 */
import { COLORS, el, escapeXml, text } from './svg.js';

export interface LineSeries {
  name: string;
  values: Array<number | null>;
  color?: string;
}

export interface LineChart {
  title: string;
  labels: string[];
  series: LineSeries[];
  /** Values are shares (0..1): the axis runs 0-100%. */
  ratio?: boolean;
  width?: number;
}

const PALETTE = [COLORS.neutral, COLORS.critical, COLORS.ok, COLORS.warn, '#8b5cf6', '#0ea5e9', '#64748b', '#db2777'];
const HEIGHT = 150;
const LEFT = 44;
const TOP = 28;

export function lineChart({ title, labels, series, ratio = false, width = 480 }: LineChart): { height: number; body: string } {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = ratio ? 1 : Math.max(1, ...values);
  const plotWidth = width - LEFT - 16;
  const x = (i: number) => LEFT + (labels.length <= 1 ? plotWidth / 2 : (i / (labels.length - 1)) * plotWidth);
  const y = (v: number) => TOP + HEIGHT - (Math.max(0, v) / max) * HEIGHT;
  const axisLabel = (v: number) => (ratio ? `${Math.round(v * 100)}%` : String(Math.round(v * 10) / 10));
  const grid = [0, 0.5, 1].map((f) =>
    [el('line', { x1: LEFT, x2: LEFT + plotWidth, y1: y(max * f), y2: y(max * f), stroke: COLORS.track }), text(LEFT - 6, y(max * f) + 4, axisLabel(max * f), { 'text-anchor': 'end', fill: COLORS.muted, 'font-size': 10 })].join(''),
  );
  // At most ~8 x labels, so they never overlap.
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const ticks = labels.map((label, i) => (i % every === 0 || i === labels.length - 1 ? text(x(i), TOP + HEIGHT + 16, label, { 'text-anchor': 'middle', fill: COLORS.muted, 'font-size': 10 }) : ''));
  const lines = series.map((s, n) => {
    const color = s.color ?? PALETTE[n % PALETTE.length]!;
    // Runs of consecutive non-null values; a null breaks the line.
    const runs: string[] = [];
    let run: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null) {
        if (run.length) runs.push(run.join(' '));
        run = [];
      } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (run.length) runs.push(run.join(' '));
    const points = s.values.map((v, i) =>
      v === null
        ? ''
        : el('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 3, fill: color, 'data-series': s.name, 'data-x': labels[i], 'data-value': v }, el('title', {}, escapeXml(`${s.name} ${labels[i]}: ${ratio ? axisLabel(v) : v}`))),
    );
    return el('g', { 'data-line': s.name }, [...runs.map((r) => el('polyline', { points: r, fill: 'none', stroke: color, 'stroke-width': 2 })), ...points]);
  });
  const legend =
    series.length > 1
      ? series.map((s, n) => {
          const lx = LEFT + (n % 4) * 110;
          const ly = TOP + HEIGHT + 34 + Math.floor(n / 4) * 16;
          return el('rect', { x: lx, y: ly - 9, width: 10, height: 10, fill: s.color ?? PALETTE[n % PALETTE.length]! }) + text(lx + 14, ly, s.name.length > 14 ? `${s.name.slice(0, 13)}…` : s.name, { 'font-size': 10 });
        })
      : [];
  const legendRows = series.length > 1 ? Math.ceil(series.length / 4) : 0;
  return {
    height: TOP + HEIGHT + 24 + legendRows * 16,
    body: [text(8, 16, title, { 'font-size': 14, 'font-weight': 600 }), ...grid, ...ticks, ...lines, ...legend].join(''),
  };
}
