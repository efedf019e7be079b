/** The structured result of generate_quality_report (its outputSchema). */
import { z } from 'zod';
import { bugSummarySchema } from '../../testio/services/schemas.js';

/** Tests listed one by one (newest first); the figures always cover them all. */
export const TEST_LIST_LIMIT = 100;

const n = z.number().int();
const rate = z.number().nullable();
const period = z.object({ start: z.string(), end: z.string(), days: z.number() });

export const healthSchema = z.object({
  indicator: z.enum(['rejection_rate', 'auto_acceptance_rate', 'review_rate']),
  label: z.string(),
  value: rate,
  status: z.enum(['ok', 'warn', 'critical', 'unknown']),
  warn: z.number(),
  critical: z.number(),
  worse: z.enum(['above', 'below']),
  why: z.string(),
  action: z.string(),
});

export const comparisonSchema = z.object({
  metric: z.string(),
  label: z.string(),
  current: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable().describe('current - previous (rates in points of 1.0)'),
  direction: z.enum(['up', 'down', 'same', 'n/a']),
  /** Whether the change is an improvement; null when the figure is neither good nor bad. */
  better: z.boolean().nullable(),
});

export const trendPointSchema = z.object({
  period: z.string(),
  tests: n,
  bugs: n,
  bugs_per_test: z.number().nullable(),
  acceptance_rate: rate,
  rejection_rate: rate,
  auto_acceptance_rate: rate,
  review_rate: rate,
});

export const qualityReportOutput = {
  generated_at: z.string(),
  scope: z.object({
    product_ids: z.array(n),
    test_ids: z.array(n).nullable(),
    test_statuses: z.array(z.string()).nullable(),
    period: period.nullable().describe('Tests that started in this range (UTC); null when test_ids are given without dates'),
    previous_period: period.nullable(),
  }),
  tests: z.object({ total: n, by_status: z.record(n), by_testing_type: z.record(n) }),
  bugs: bugSummarySchema,
  bugs_per_test: z.number().nullable(),
  active_testers: n,
  features_tested: n,
  products: z.array(z.object({ product_id: n, name: z.string(), tests: n, bugs_per_test: z.number().nullable(), bugs: bugSummarySchema })),
  features: z.array(
    z.object({ feature_id: n.nullable(), title: z.string(), bugs: n, critical: n, high: n, rejection_rate: rate, tests: n }),
  ).describe('Features by bug count (top 15); "(no feature)" holds bugs reported outside any feature'),
  trend: z.object({ unit: z.enum(['week', 'month']), points: z.array(trendPointSchema) }),
  comparison: z.array(comparisonSchema).describe('Against the previous period of the same length; empty without a period'),
  health: z.array(healthSchema),
  test_list: z.array(
    z.object({ test_id: n, title: z.string(), status: z.string(), testing_type: z.string().nullable(), start_at: z.string().nullable(), bugs: n, critical: n, open: n, rejection_rate: rate }),
  ),
  test_list_truncated: z.boolean(),
  warnings: z.array(z.string()),
  query_ms: z.number(),
};

export type QualityReport = z.infer<z.ZodObject<typeof qualityReportOutput>>;
export type HealthIndicator = z.infer<typeof healthSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type TrendPoint = z.infer<typeof trendPointSchema>;
