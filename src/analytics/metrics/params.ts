/**
 * query_metrics' parameters (zod 3, so the JSON schema lists every metric and dimension from the
 * registry) and the step from arguments to a request: dates resolved once, in UTC.
 */
import { z } from 'zod';
import { endDateParam, startDateParam } from '../../testio/params.js';
import { resolveDateRange } from '../../testio/dates/index.js';
import { parseDateExpression } from '../../testio/dates/parse.js';
import type { MetricsRequest } from './query-metrics.js';
import { DEFAULT_LIMIT, DIMENSION_NAMES, MAX_DIMENSIONS, MAX_LIMIT, METRIC_NAMES } from './registry.js';

const filterValue = z.union([z.string().max(200), z.number(), z.boolean()]);

export const queryMetricsInput = {
  metrics: z
    .array(z.enum(METRIC_NAMES))
    .min(1, 'needs at least one metric')
    .max(METRIC_NAMES.length)
    .describe('What to compute, e.g. ["bug_count", "rejection_rate"]. get_analytics_capabilities defines each one.'),
  dimensions: z
    .array(z.enum(DIMENSION_NAMES))
    .max(MAX_DIMENSIONS, `accepts at most ${MAX_DIMENSIONS} dimensions; filter on the others`)
    .default([])
    .describe(`How to group, 0-${MAX_DIMENSIONS} of the dimensions, e.g. ["month", "severity"]. Empty: one row for the whole scope.`),
  filters: z
    .record(z.union([filterValue, z.array(filterValue).max(500)]))
    .optional()
    .describe('Only rows matching every filter: dimension name → value or list of values, e.g. {"product": [25073], "severity": ["critical", "high"]}. product, feature and test take ids.'),
  start_date: startDateParam().optional(),
  end_date: endDateParam(),
  sort: z
    .object({ by: z.string().min(1).describe('A requested metric or dimension'), direction: z.enum(['asc', 'desc']).default('desc') })
    .strict()
    .optional()
    .describe('Row order. Default: by a time dimension ascending, else by the first metric descending.'),
  limit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`).optional().describe(`Rows at most, 1-${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`),
};

export interface QueryMetricsArgs {
  metrics: MetricsRequest['metrics'];
  dimensions: MetricsRequest['dimensions'];
  filters?: MetricsRequest['filters'];
  start_date?: string;
  end_date?: string;
  sort?: MetricsRequest['sort'];
  limit?: number;
}

/** An optional period: start_date (with an optional end), or only an end_date. */
export function optionalPeriod(start: string | undefined, end: string | undefined, now: Date): { start: Date; end: Date } | undefined {
  if (start) return resolveDateRange(start, end, now);
  if (end) return { start: new Date(0), end: parseDateExpression(end, now, 'end_date').end };
  return undefined;
}

export function metricsRequest(args: QueryMetricsArgs, now: Date): MetricsRequest {
  const period = optionalPeriod(args.start_date, args.end_date, now);
  return {
    metrics: args.metrics,
    dimensions: args.dimensions,
    filters: args.filters,
    start: args.start_date ? period?.start.toISOString() : undefined,
    end: period?.end.toISOString(),
    sort: args.sort,
    limit: args.limit,
  };
}
