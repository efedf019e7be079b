import { freshnessLine, productFreshness } from '../../src/kit/analytics.js';
import { buildQualityReport, optionalPeriod, QUALITY_REPORT_VIEW, qualityReportOutput, qualityReportPicture, renderQualityReport, svgPicture } from '../../src/kit/insights.js';
import { endDateParam, productIdsParam, reportFormatParam, startDateParam, testStatusesParam } from '../../src/kit/testio.js';
import { defineTool, idListParam, UserInputError } from '../../src/kit/tool.js';
import { z } from 'zod';

const MAX_TESTS = 200;
const DEFAULT_PERIOD = 'last 90 days';

export default defineTool({
  name: 'generate_quality_report',
  title: 'Generate a TestIO quality report',
  description: `Writes a quality report for products or tests from the synced analytics store: tests by status and type, bugs by status and severity with acceptance / rejection / auto-acceptance / review rates, bugs per test, per-product and per-feature breakdowns, a trend per week or month, the change against the previous period of the same length, and health indicators against the playbook thresholds, each with why it matters and a suggested action.

Use this tool when you need to:
- answer "how did quality on product 25073 develop this quarter?"
- brief a QA lead or an executive on review health
- compare a period with the one before

Limits: product_ids (1-10) or test_ids (1-${MAX_TESTS}); the period selects tests by their start (default ${DEFAULT_PERIOD} for products, no limit for test_ids). Run sync_data first for fresh data.

Example: product_ids [25073], start_date "Q4 2024", format "markdown".`,
  inputSchema: {
    product_ids: productIdsParam().optional(),
    test_ids: idListParam(`Test ids to report on, 1-${MAX_TESTS}, e.g. [109363, 109364]. Instead of (or within) product_ids.`, MAX_TESTS).optional(),
    start_date: startDateParam().optional().describe(`Start of the period (tests that started in it), e.g. "this quarter", "2024-10-01". Default for products: ${DEFAULT_PERIOD}.`),
    end_date: endDateParam(),
    statuses: testStatusesParam(),
    format: reportFormatParam(),
  },
  outputSchema: { ...qualityReportOutput, freshness: z.string() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'testio-analytics',
  handler: async (args, ctx) => {
    if (!args.product_ids?.length && !args.test_ids?.length) {
      throw new UserInputError('product_ids', 'Give product_ids or test_ids.', 'e.g. product_ids [25073] (list_products finds ids), or test_ids [109363].');
    }
    const now = new Date();
    const period = optionalPeriod(args.start_date ?? (args.test_ids?.length ? undefined : DEFAULT_PERIOD), args.end_date, now);
    const store = await ctx.analytics.store();
    const report = await buildQualityReport(store, { productIds: args.product_ids, testIds: args.test_ids, testStatuses: args.statuses, period, now });
    return { ...report, freshness: freshnessLine(await productFreshness(store, report.scope.product_ids)) };
  },
  render: (out, args) => (args.format === 'json' ? renderQualityReport(out, 'json') : `${renderQualityReport(out, args.format)}\n\n${out.freshness}`),
  pictures: (out) => [svgPicture(qualityReportPicture(out))],
  app: QUALITY_REPORT_VIEW.uri,
});
