/**
 * Rate gauges: a half ring per rate, coloured by its health against the playbook thresholds
 * (ok / warn / critical), grey when there is nothing to measure.
 */
import { COLORS, el, text } from './svg.js';

export type Health = 'ok' | 'warn' | 'critical' | 'unknown' | 'neutral';

export interface Gauge {
  label: string;
  /** 0..1, or null when there is nothing to measure. */
  value: number | null;
  health: Health;
}

const SIZE = 120;
const RADIUS = 44;

function arc(fraction: number): string {
  const angle = Math.PI * (1 - Math.min(1, Math.max(0, fraction)));
  const cx = SIZE / 2;
  const cy = 64;
  const x = cx + RADIUS * Math.cos(angle);
  const y = cy - RADIUS * Math.sin(angle);
  return `M ${cx - RADIUS} ${cy} A ${RADIUS} ${RADIUS} 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`;
}

export const percent = (value: number | null) => (value === null ? 'n/a' : `${Math.round(value * 1000) / 10}%`);

export function gaugeRow(title: string, gauges: Gauge[]): { height: number; body: string } {
  const cells = gauges.map((gauge, i) =>
    el('g', { transform: `translate(${i * SIZE} 24)`, 'data-label': gauge.label, 'data-value': gauge.value ?? 'null', 'data-health': gauge.health }, [
      el('path', { d: arc(1), stroke: COLORS.track, 'stroke-width': 12, fill: 'none', 'stroke-linecap': 'round' }),
      gauge.value === null ? '' : el('path', { d: arc(gauge.value), stroke: COLORS[gauge.health], 'stroke-width': 12, fill: 'none', 'stroke-linecap': 'round' }),
      text(SIZE / 2, 62, percent(gauge.value), { 'text-anchor': 'middle', 'font-size': 16, 'font-weight': 700 }),
      text(SIZE / 2, 86, gauge.label, { 'text-anchor': 'middle', fill: COLORS.muted, 'font-size': 11 }),
    ]),
  );
  return { height: 24 + 96, body: [text(8, 16, title, { 'font-size': 14, 'font-weight': 600 }), ...cells].join('') };
}
