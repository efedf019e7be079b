import { z } from 'zod';
import { freshnessLine, productFreshness } from '../../src/kit/analytics.js';
import { DIMENSION_NAMES, METRIC_NAMES, METRICS_VIEW, metricsPicture, metricsRequest, queryMetrics, queryMetricsInput, renderMetrics, svgPicture } from '../../src/kit/insights.js';
import { defineTool } from '../../src/kit/tool.js';

const cell = z.union([z.string(), z.number(), z.null()]);

export default defineTool({
  name: 'query_metrics',
  title: 'Query TestIO metrics',
  description: `Answers comparative questions over the synced analytics store: any of the metrics (test count, bug count, bugs per test, active testers, features tested, acceptance / rejection / auto-acceptance / review rates, severity score) grouped by up to two dimensions (product, feature, test, tester, severity, status, bug type, testing type, test status, platform, month, week, quarter, reject reason, known), with filters, a date range on the tests' start, sort and limit. The answer says what was asked in words, warns about empty groups and truncation, gives the query time and a chart suggestion.

Use this tool when you need to:
- compare features, testers, platforms or periods ("which features draw the most critical bugs?")
- follow a rate over time ("rejection rate by month this year")
- get the exact figure behind a report

Limits: at most 2 dimensions, 1000 rows; get_analytics_capabilities defines every metric and dimension. Run sync_data first for fresh data.

Example: metrics ["bug_count", "severity_score"], dimensions ["feature"], filters {"product": [25073], "severity": ["critical"]}, start_date "this quarter".`,
  inputSchema: queryMetricsInput,
  outputSchema: {
    question: z.string(),
    metrics: z.array(z.enum(METRIC_NAMES)),
    dimensions: z.array(z.enum(DIMENSION_NAMES)),
    filters: z.record(z.array(z.union([z.string(), z.number()]))),
    period: z.object({ start: z.string().nullable(), end: z.string().nullable() }),
    columns: z.array(z.object({ name: z.string(), label: z.string(), role: z.enum(['dimension', 'dimension_id', 'metric']), format: z.enum(['text', 'id', 'count', 'ratio', 'score']) })),
    rows: z.array(z.record(cell)),
    total_groups: z.number().int(),
    truncated: z.boolean(),
    sort: z.object({ by: z.string(), direction: z.enum(['asc', 'desc']) }),
    warnings: z.array(z.string()),
    chart: z.object({ type: z.enum(['line', 'bar', 'grouped_bar', 'figure']), x: z.enum(DIMENSION_NAMES).nullable(), y: z.enum(METRIC_NAMES), series: z.enum(DIMENSION_NAMES).nullable(), why: z.string() }),
    query_ms: z.number(),
    freshness: z.string(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'testio-analytics',
  handler: async (args, ctx) => {
    const store = await ctx.analytics.store();
    const answer = await queryMetrics(store, metricsRequest(args, new Date()));
    const products = answer.filters.product as number[] | undefined;
    return { ...answer, freshness: freshnessLine(await productFreshness(store, products)) };
  },
  render: (out) => `${renderMetrics(out)}\n${out.freshness}`,
  pictures: (out) => [svgPicture(metricsPicture(out))],
  app: METRICS_VIEW.uri,
});
