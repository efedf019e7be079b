/** A run's steps as a row of blocks: green passed, red failed, grey skipped, with the step number. */
import { COLORS, el, escapeXml, text } from './svg.js';

export interface TimelineStep {
  number: number;
  label: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending';
}

const STATUS_COLOR = { passed: COLORS.ok, failed: COLORS.critical, skipped: COLORS.unknown, pending: COLORS.track } as const;
const BLOCK = 28;

export function stepTimeline(title: string, steps: TimelineStep[], width = 480): { height: number; body: string } {
  const perRow = Math.max(1, Math.floor((width - 16) / (BLOCK + 4)));
  const blocks = steps.map((step, i) => {
    const x = 8 + (i % perRow) * (BLOCK + 4);
    const y = 26 + Math.floor(i / perRow) * (BLOCK + 4);
    return el('g', { 'data-step': step.number, 'data-status': step.status }, [
      el('title', {}, escapeXml(`${step.number}. ${step.label}: ${step.status}`)),
      el('rect', { x, y, width: BLOCK, height: BLOCK, rx: 4, fill: STATUS_COLOR[step.status] }),
      text(x + BLOCK / 2, y + 18, String(step.number), { 'text-anchor': 'middle', fill: COLORS.paper, 'font-weight': 700 }),
    ]);
  });
  const rows = Math.max(1, Math.ceil(steps.length / perRow));
  return { height: 26 + rows * (BLOCK + 4), body: [text(8, 16, title, { 'font-size': 14, 'font-weight': 600 }), ...blocks].join('') };
}
