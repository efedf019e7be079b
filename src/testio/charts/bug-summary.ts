/**
 * The pictures of a bug summary (one test, or a report's totals): rate gauges coloured by the
 * playbook, bugs by severity, bugs by status. Used for the image block and by the app views.
 */
import { barChart, COLORS, gaugeRow, stack } from '../../charts/index.js';
import { plural } from '../../platform/text.js';
import { rateHealth } from '../playbook.js';
import type { BugSummary } from '../services/bug-classify.js';

const SEVERITIES = ['critical', 'high', 'low', 'visual', 'content', 'custom'] as const;
const STATUSES = [
  ['accepted', 'Accepted'],
  ['auto_accepted', 'Auto-accepted'],
  ['rejected', 'Rejected'],
  ['open', 'Open'],
] as const;

export function bugSummaryParts(summary: BugSummary, title: string) {
  const { rates } = summary;
  return [
    gaugeRow(`${title}: review health`, [
      { label: 'Acceptance', value: rates.acceptance_rate, health: rates.acceptance_rate === null ? 'unknown' : 'neutral' },
      { label: 'Rejection', value: rates.rejection_rate, health: rateHealth('rejection_rate', rates.rejection_rate) },
      { label: 'Auto-acceptance', value: rates.auto_acceptance_rate, health: rateHealth('auto_acceptance_rate', rates.auto_acceptance_rate) },
      { label: 'Review', value: rates.review_rate, health: rateHealth('review_rate', rates.review_rate) },
    ]),
    barChart({ title: 'Bugs by severity', bars: SEVERITIES.map((s) => ({ label: s, value: summary.by_severity[s], color: COLORS.severity[s] })) }),
    barChart({ title: 'Bugs by status', bars: STATUSES.map(([key, label]) => ({ label, value: summary.by_status[key], color: COLORS.status[key] })) }),
  ];
}

export const bugSummaryPicture = (summary: BugSummary, title: string) => stack(480, `${title}: ${plural(summary.total, 'bug')}`, bugSummaryParts(summary, title));
