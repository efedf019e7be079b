/** get_test_activity_by_timeframe's text: overall line, per-product sections, test tables. */
import type { ActivityResult } from '../services/activity-service.js';
import { renderBugSummary } from './bugs.js';
import { counts, day, plural } from './format.js';
import { renderTestRows } from './tests.js';

const FIELD_LABEL = { start_at: 'started', end_at: 'ended', any: 'ran' } as const;

export function renderActivity(out: ActivityResult): string {
  const verb = FIELD_LABEL[out.date_field];
  const lines = [
    `## Test activity ${day(out.range.start)} → ${day(out.range.end)}`,
    '',
    `**${plural(out.overall.tests_in_range, 'test')} ${verb} in the range** across ${plural(out.products_requested - out.products_failed, 'product')}` +
      (out.products_failed ? ` (${out.products_failed} failed to load)` : '') +
      ` · by status: ${counts(out.overall.by_status)}`,
  ];
  if (out.overall.bugs && out.products.length > 1) lines.push('', renderBugSummary(out.overall.bugs));
  for (const p of out.products) {
    lines.push('');
    if (p.outcome === 'failed') {
      lines.push(`### Product ${p.product_id}: could not be loaded`, p.error ?? '');
      continue;
    }
    lines.push(`### ${p.product_name} (product ${p.product_id}): ${plural(p.tests_in_range ?? 0, 'test')}`);
    if (!p.tests_in_range) {
      lines.push(`No tests ${verb} in this range.`);
      continue;
    }
    lines.push(`By status: ${counts(p.by_status ?? {})} · by type: ${counts(p.by_testing_type ?? {})}`);
    if (p.bugs) lines.push('', renderBugSummary(p.bugs));
    lines.push('', renderTestRows(p.tests ?? []));
    if (p.truncated) lines.push(`…and ${(p.tests_in_range ?? 0) - (p.tests?.length ?? 0)} more; narrow the range to list them.`);
  }
  return lines.join('\n');
}
