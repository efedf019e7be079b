/**
 * The bug arithmetic of testio-api.md ("Bug arithmetic users expect"), as pure functions.
 * `severity` mixes severity and type: low/high/critical are functional bugs, the rest name a type.
 */
import type { Bug } from './api-port.js';
import type { BugSummary } from './schemas.js';

export const SEVERITY_BUCKETS = ['critical', 'high', 'low', 'visual', 'content', 'custom'] as const;
export type SeverityBucket = (typeof SEVERITY_BUCKETS)[number];
export const FUNCTIONAL_SEVERITIES = ['low', 'high', 'critical'] as const;
export type FunctionalSeverity = (typeof FUNCTIONAL_SEVERITIES)[number];
export const BUG_TYPES = ['functional', 'visual', 'content', 'custom'] as const;
export type BugType = (typeof BUG_TYPES)[number];
/** Customer-visible statuses, with auto-accepted split out of accepted. */
export const BUG_STATUSES = ['accepted', 'auto_accepted', 'rejected', 'forwarded'] as const;
export type BugStatus = (typeof BUG_STATUSES)[number];

/** Above this share of accepted bugs being auto-accepted, the customer is not triaging. */
export const AUTO_ACCEPTANCE_FLAG_THRESHOLD = 0.3;

export function severityBucket(bug: Pick<Bug, 'severity'>): SeverityBucket {
  const value = (bug.severity ?? '').toLowerCase();
  // An unknown upstream value still lands in a bucket so totals add up.
  return (SEVERITY_BUCKETS as readonly string[]).includes(value) ? (value as SeverityBucket) : 'custom';
}

export function bugType(bug: Pick<Bug, 'severity'>): BugType {
  const bucket = severityBucket(bug);
  return (FUNCTIONAL_SEVERITIES as readonly string[]).includes(bucket) ? 'functional' : (bucket as BugType);
}

export function bugStatus(bug: Pick<Bug, 'status' | 'auto_accepted'>): BugStatus {
  const value = bug.status.toLowerCase();
  if (value === 'accepted') return bug.auto_accepted ? 'auto_accepted' : 'accepted';
  if (value === 'rejected') return 'rejected';
  // forwarded, and anything newer upstream, is still waiting for the customer.
  return 'forwarded';
}

export type { BugSummary };

/** Six decimals: short JSON, yet exact enough that a percentage rounded from it is never off. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1_000_000) / 1_000_000;
}

/** Builds the summary from bucket counts; also used to roll several summaries up. */
export function summaryFromCounts(
  bySeverity: Record<SeverityBucket, number>,
  byStatus: BugSummary['by_status'],
  known: number,
): BugSummary {
  const total = byStatus.accepted + byStatus.auto_accepted + byStatus.rejected + byStatus.open;
  const totalAccepted = byStatus.accepted + byStatus.auto_accepted;
  const reviewed = byStatus.accepted + byStatus.rejected;
  const none = total === 0;
  const autoRate = none ? null : ratio(byStatus.auto_accepted, totalAccepted);
  return {
    total,
    by_severity: { ...bySeverity },
    by_status: { ...byStatus },
    total_accepted: totalAccepted,
    reviewed,
    known,
    rates: {
      acceptance_rate: ratio(totalAccepted, total),
      active_acceptance_rate: ratio(byStatus.accepted, total),
      auto_acceptance_rate: autoRate,
      rejection_rate: ratio(byStatus.rejected, total),
      review_rate: ratio(reviewed, total),
    },
    auto_acceptance_flag: autoRate !== null && autoRate > AUTO_ACCEPTANCE_FLAG_THRESHOLD,
  };
}

function emptySeverity(): Record<SeverityBucket, number> {
  return { critical: 0, high: 0, low: 0, visual: 0, content: 0, custom: 0 };
}

export function summarizeBugs(bugs: readonly Bug[]): BugSummary {
  const bySeverity = emptySeverity();
  const byStatus = { accepted: 0, auto_accepted: 0, rejected: 0, open: 0 };
  let known = 0;
  for (const bug of bugs) {
    bySeverity[severityBucket(bug)] += 1;
    const status = bugStatus(bug);
    byStatus[status === 'forwarded' ? 'open' : status] += 1;
    if (bug.known) known += 1;
  }
  return summaryFromCounts(bySeverity, byStatus, known);
}

/** Adds summaries together (rates recomputed from the summed counts, never averaged). */
export function mergeSummaries(summaries: readonly BugSummary[]): BugSummary {
  const bySeverity = emptySeverity();
  const byStatus = { accepted: 0, auto_accepted: 0, rejected: 0, open: 0 };
  let known = 0;
  for (const s of summaries) {
    for (const key of SEVERITY_BUCKETS) bySeverity[key] += s.by_severity[key];
    for (const key of Object.keys(byStatus) as (keyof typeof byStatus)[]) byStatus[key] += s.by_status[key];
    known += s.known;
  }
  return summaryFromCounts(bySeverity, byStatus, known);
}
