/** generate_status_report's text: markdown (default), plain text, or the JSON itself. */
import type { StatusReport } from '../services/status-report-service.js';
import { autoAcceptanceWarning, renderBugSummary } from './bugs.js';
import { plural } from '../../platform/text.js';
import { counts, day, hours, jsonText, pct } from './format.js';
import { unescapeMarkdown } from '../../platform/untrusted-text.js';
import { table, type TableStyle } from './table.js';

export type ReportFormat = 'markdown' | 'text' | 'json';

function rollUp(report: StatusReport, style: TableStyle): string {
  const rows = report.entries.map((e) =>
    e.outcome === 'failed'
      ? [e.test_id, '(failed to load)', '—', '—', '—', '—', '—', '—']
      : [
          e.test_id,
          e.test.title,
          e.test.status,
          e.bugs.total,
          `${e.bugs.by_severity.critical}/${e.bugs.by_severity.high}/${e.bugs.by_severity.low}`,
          pct(e.bugs.rates.acceptance_rate),
          pct(e.bugs.rates.auto_acceptance_rate) + (e.bugs.auto_acceptance_flag ? ' ⚠️' : ''),
          e.bugs.by_status.open,
        ],
  );
  rows.push(['All', plural(report.tests_reported, 'test'), '', report.totals.total, `${report.totals.by_severity.critical}/${report.totals.by_severity.high}/${report.totals.by_severity.low}`, pct(report.totals.rates.acceptance_rate), pct(report.totals.rates.auto_acceptance_rate), report.totals.by_status.open]);
  return table(style, ['Test', 'Title', 'Status', 'Bugs', 'Crit/High/Low', 'Accepted', 'Auto-accepted', 'Open'], rows);
}

function section(e: StatusReport['entries'][number], style: TableStyle): string {
  const h = (t: string) => (style === 'markdown' ? `### ${t}` : `${t}\n${'-'.repeat(Math.min(t.length, 70))}`);
  if (e.outcome === 'failed') return `${h(`Test ${e.test_id}: could not be loaded`)}\n${e.error}`;
  const t = e.test;
  const lines = [
    `Status: ${t.status} · Type: ${t.testing_type ?? '—'} · Product: ${t.product ?? '—'}`,
    `Dates: ${day(t.start_at)} → ${day(t.end_at)}` + (t.time_remaining_hours !== null ? ` (${hours(t.time_remaining_hours)} left)` : ''),
    renderBugSummary(e.bugs, style),
  ];
  return `${h(`Test ${t.id}: ${t.title}`)}\n${lines.join(style === 'markdown' ? '  \n' : '\n')}`;
}

export function renderStatusReport(report: StatusReport, format: ReportFormat): string {
  if (format === 'json') return jsonText(report);
  const style: TableStyle = format;
  const title = `Status report: ${report.tests_reported} of ${plural(report.tests_requested, 'test')}` + (report.tests_failed ? ` (${report.tests_failed} failed to load)` : '');
  const summary = [
    `Generated ${report.generated_at.slice(0, 16).replace('T', ' ')} UTC · tests by status: ${counts(report.tests_by_status)}`,
    `${plural(report.totals.total, 'bug')} in all · acceptance ${pct(report.totals.rates.acceptance_rate)} · rejection ${pct(report.totals.rates.rejection_rate)} · auto-acceptance ${pct(report.totals.rates.auto_acceptance_rate)} · open ${report.totals.by_status.open}`,
    ...[autoAcceptanceWarning(report.totals)].filter((w): w is string => w !== null),
  ];
  const heading = style === 'markdown' ? `## ${title}` : `${title}\n${'='.repeat(title.length)}`;
  const sub = (t: string) => (style === 'markdown' ? `### ${t}` : `${t}\n${'-'.repeat(t.length)}`);
  const text = [heading, '', summary.join(style === 'markdown' ? '  \n' : '\n'), '', sub('Roll-up'), rollUp(report, style), '', ...report.entries.flatMap((e) => [section(e, style), ''])]
    .join('\n')
    .trimEnd();
  // Plain text needs no markdown escapes: drop those the display copy carries.
  return style === 'text' ? unescapeMarkdown(text) : text;
}
