/**
 * The review playbook's health thresholds for the bug arithmetic's rates (testio-api.md): when a
 * rate is worth a warning or is critical. One table for every picture, report and indicator.
 */
export type RateName = 'rejection_rate' | 'auto_acceptance_rate' | 'review_rate';

export interface Threshold {
  warn: number;
  critical: number;
  /** 'above': higher is worse (rejections); 'below': lower is worse (reviews). */
  worse: 'above' | 'below';
}

export const THRESHOLDS: Record<RateName, Threshold> = {
  rejection_rate: { warn: 0.2, critical: 0.35, worse: 'above' },
  auto_acceptance_rate: { warn: 0.2, critical: 0.4, worse: 'above' },
  review_rate: { warn: 0.8, critical: 0.6, worse: 'below' },
};

export type RateHealth = 'ok' | 'warn' | 'critical' | 'unknown';

/** How a rate stands against its thresholds; unknown when there is nothing to measure (null). */
export function rateHealth(name: RateName, value: number | null): RateHealth {
  if (value === null) return 'unknown';
  const { warn, critical, worse } = THRESHOLDS[name];
  const past = (limit: number) => (worse === 'above' ? value >= limit : value < limit);
  if (past(critical)) return 'critical';
  if (past(warn)) return 'warn';
  return 'ok';
}

/** What each health indicator means for a QA lead, and what to do when it is off. */
export interface RateAdvice {
  label: string;
  /** One line: why this rate matters. */
  why: string;
  /** What to do when it reaches warn or critical; `ok` and `unknown` say what the state means. */
  action: Record<RateHealth, string>;
}

export const ADVICE: Record<RateName, RateAdvice> = {
  rejection_rate: {
    label: 'Rejection rate',
    why: 'Rejected bugs are tester effort spent on reports you do not want: a high share means unclear instructions or scope, or noisy testers.',
    action: {
      ok: 'Keep the instructions and out-of-scope list as they are.',
      warn: 'Read the top reject reasons (query_metrics by reject_reason) and sharpen the test instructions and out-of-scope list.',
      critical: 'Stop and fix the briefing before the next cycle: add known issues, tighten scope, and tell TestIO which reject reasons dominate.',
      unknown: 'No bugs in this scope, so nothing to measure.',
    },
  },
  auto_acceptance_rate: {
    label: 'Auto-acceptance rate',
    why: 'Bugs nobody reviewed within about 10 days are accepted automatically: they are paid for and unchecked, and may hide duplicates and noise.',
    action: {
      ok: 'Triage keeps up with incoming bugs.',
      warn: 'Review forwarded bugs weekly; assign a triage owner per product.',
      critical: 'Triage is not happening: book review time now and clear the forwarded queue before it auto-accepts.',
      unknown: 'No bugs in this scope, so nothing to measure.',
    },
  },
  review_rate: {
    label: 'Review rate',
    why: 'The share of bugs a person accepted or rejected: without review, the figures describe what testers reported, not what the team confirmed.',
    action: {
      ok: 'Most bugs get a human decision.',
      warn: 'Schedule a regular triage slot and work the open bugs oldest first.',
      critical: 'Most bugs are open or auto-accepted: review the open queue now and agree a review SLA with the team.',
      unknown: 'No bugs in this scope, so nothing to measure.',
    },
  },
};
