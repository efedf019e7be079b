/** Health indicators: the playbook's thresholds applied to a bug summary, with why and what to do. */
import { ADVICE, rateHealth, THRESHOLDS, type RateName } from '../../testio/playbook.js';
import type { BugSummary } from '../../testio/services/schemas.js';
import type { HealthIndicator } from './schema.js';

const INDICATORS: RateName[] = ['rejection_rate', 'auto_acceptance_rate', 'review_rate'];

export function healthIndicators(summary: BugSummary): HealthIndicator[] {
  return INDICATORS.map((indicator) => {
    const value = summary.rates[indicator];
    const status = rateHealth(indicator, value);
    const { label, why, action } = ADVICE[indicator];
    return { indicator, label, value, status, ...THRESHOLDS[indicator], why, action: action[status] };
  });
}
