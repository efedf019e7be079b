/** get_test_activity_by_timeframe's text: the resolved range, overall line, per-product sections, test tables. */
import type { ActivityResult } from '../services/activity-service.js';
import { renderBugSummary } from './bugs.js';
import { plural } from '../../platform/text.js';
import { counts, day, when } from './format.js';
import { renderTestRows } from './tests.js';

const FIELD_LABEL = { start_at: 'started', end_at: 'ended', any: 'ran' } as const;

/** "3 tests due to start later in the period (after now, up to 2025-05-31), not counted". */
function upcomingLine(n: number, out: ActivityResult): string {
  const due = out.date_field === 'end_at' ? 'due to end' : 'due to start';
  return `${plural(n, 'test')} ${due} later in the period (after now, up to ${day(out.range.upcoming_until)}), not counted`;
}

export function renderActivity(out: ActivityResult): string {
  const verb = FIELD_LABEL[out.date_field];
  const upcoming = out.overall.upcoming_tests ?? 0;
  const lines = [
    `## Test activity ${when(out.range.start)} → ${when(out.range.end)}`,
    '',
    `Range: ${out.range.resolved}`,
    '',
    `**${plural(out.overall.tests_in_range, 'test')} ${verb} in the range** across ${plural(out.products_requested - out.products_failed, 'product')}` +
      (out.products_failed ? ` (${out.products_failed} failed to load)` : '') +
      ` · by status: ${counts(out.overall.by_status)}` +
      (upcoming ? ` · ${upcomingLine(upcoming, out)}` : ''),
  ];
  if (out.overall.bugs && out.products.length > 1) lines.push('', renderBugSummary(out.overall.bugs));
  for (const p of out.products) {
    lines.push('');
    if (p.outcome === 'failed') {
      lines.push(`### Product ${p.product_id}: could not be loaded`, p.error ?? '');
      continue;
    }
    lines.push(`### ${p.product_name} (product ${p.product_id}): ${plural(p.tests_in_range ?? 0, 'test')}`);
    if (!p.tests_in_range) lines.push(`No tests ${verb} in this range.`);
    else {
      lines.push(`By status: ${counts(p.by_status ?? {})} · by type: ${counts(p.by_testing_type ?? {})}`);
      if (p.bugs) lines.push('', renderBugSummary(p.bugs));
      lines.push('', renderTestRows(p.tests ?? []));
      if (p.truncated) lines.push(`…and ${(p.tests_in_range ?? 0) - (p.tests?.length ?? 0)} more; narrow the range to list them.`);
    }
    if (p.upcoming_tests) {
      lines.push('', `Scheduled: ${upcomingLine(p.upcoming_tests, out)}:`, '', renderTestRows(p.upcoming ?? []));
      if (p.upcoming_tests > (p.upcoming?.length ?? 0)) lines.push(`…and ${p.upcoming_tests - (p.upcoming?.length ?? 0)} more.`);
    }
  }
  return lines.join('\n');
}
