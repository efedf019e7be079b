import { z } from 'zod';
import { activityOutput, dateFieldParam, endDateParam, LISTED_TESTS_BUDGET, MAX_ACTIVITY_PRODUCTS, productIdsParam, renderActivity, resolveDateRange, startDateParam } from '../../src/kit/testio.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get_test_activity_by_timeframe',
  title: 'Get TestIO test activity in a time range',
  description: `Finds the tests of one or more products whose start date (or end date, or whole run) falls in a time range, and summarises them per product and overall: counts by status and testing type, the tests themselves, and bug totals when asked.

Use this tool when you need to:
- answer "what did we test last quarter?" for a product or a portfolio
- count tests and bugs for a period (monthly or quarterly review)
- find tests that were running during an incident window (date_field "any")

Limits: 1-${MAX_ACTIVITY_PRODUCTS} products; dates are UTC and accept ISO dates or phrases such as "last 30 days" (exactly 30 × 24 h ending now), "Q4 2024", "this month" (from the 1st until now), "3 months ago" (from then until now), "since 2024-10-01"; nothing counts past now: tests scheduled later in "this month/quarter/..." are listed apart as upcoming; range.resolved says exactly what the dates resolved to; about ${LISTED_TESTS_BUDGET} tests are listed in all (counts cover every test); include_bugs costs extra API calls.

Example: "What was the test activity of product 25073 from 2024-10-01 to 2024-12-31?"`,
  inputSchema: {
    product_ids: productIdsParam(),
    start_date: startDateParam(),
    end_date: endDateParam(),
    date_field: dateFieldParam(),
    include_bugs: z.boolean().default(false).describe('Add bug totals per product and overall. Default false.'),
  },
  outputSchema: activityOutput,
  toolset: 'testio',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => {
    const range = resolveDateRange(args.start_date, args.end_date, new Date());
    return ctx.activityService.activity(
      { productIds: args.product_ids, range, dateField: args.date_field, includeBugs: args.include_bugs },
      ctx.progress,
      ctx.signal,
    );
  },
  render: (out) => renderActivity(out),
});
