/** Bug summaries and bug rows, rendered the same way in every tool. */
import type { BugSummary } from '../services/bug-classify.js';
import type { BugRow } from '../services/bug-rows.js';
import { pct, when } from './format.js';
import { table, type TableStyle } from './table.js';

const STATUS_LABEL: Record<BugRow['status'], string> = {
  accepted: 'accepted',
  auto_accepted: 'auto-accepted',
  rejected: 'rejected',
  forwarded: 'open',
};

export function statusLabel(status: BugRow['status']): string {
  return STATUS_LABEL[status];
}

/** One line such as "critical 2 · high 5 · low 3 · visual 4 · content 1 · custom 0". */
export function severityLine(s: BugSummary): string {
  const b = s.by_severity;
  return `critical ${b.critical} · high ${b.high} · low ${b.low} · visual ${b.visual} · content ${b.content} · custom ${b.custom}`;
}

export function statusLine(s: BugSummary): string {
  const b = s.by_status;
  return `accepted ${b.accepted} · auto-accepted ${b.auto_accepted} · rejected ${b.rejected} · open ${b.open}`;
}

export function autoAcceptanceWarning(s: BugSummary): string | null {
  return s.auto_acceptance_flag
    ? `⚠️ ${pct(s.rates.auto_acceptance_rate)} of accepted bugs were auto-accepted (over 30%): bugs are not being reviewed in time.`
    : null;
}

/** The bug summary block: counts, rates and the auto-acceptance flag. */
export function renderBugSummary(s: BugSummary, style: TableStyle = 'markdown'): string {
  if (s.total === 0) return 'No bugs reported.';
  const bold = (t: string) => (style === 'markdown' ? `**${t}**` : t);
  const lines = [
    `${bold('Bugs:')} ${s.total} (known ${s.known})`,
    `${bold('By severity:')} ${severityLine(s)}`,
    `${bold('By status:')} ${statusLine(s)}`,
    `${bold('Rates:')} acceptance ${pct(s.rates.acceptance_rate)} · rejection ${pct(s.rates.rejection_rate)} · ` +
      `auto-acceptance ${pct(s.rates.auto_acceptance_rate)} · reviewed ${pct(s.rates.review_rate)}`,
  ];
  const warning = autoAcceptanceWarning(s);
  if (warning) lines.push(warning);
  return lines.join(style === 'markdown' ? '  \n' : '\n');
}

export function renderBugRows(rows: readonly BugRow[], style: TableStyle = 'markdown'): string {
  if (rows.length === 0) return 'No bugs.';
  return table(
    style,
    ['ID', 'Title', 'Severity', 'Status', 'Reported', 'Device', 'Author'],
    rows.map((r) => [r.id, r.title, r.severity, statusLabel(r.status) + (r.known ? ' (known)' : ''), when(r.reported_at), r.device, r.author]),
  );
}
