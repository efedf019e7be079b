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
