import { z } from 'zod';
import { bugSummarySchema, DATE_FIELDS, dateFieldParam, endDateParam, LISTED_TESTS_BUDGET, MAX_ACTIVITY_PRODUCTS, productIdsParam, renderActivity, resolveDateRange, startDateParam, testRowSchema } from '../../src/kit/testio.js';
import { defineTool } from '../../src/kit/tool.js';

const n = z.number().int();

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
  outputSchema: {
    range: z
      .object({
        start: z.string(),
        end: z.string(),
        resolved: z.string().describe('What start_date/end_date resolved to, in words and exact UTC instants'),
        upcoming_until: z.string().optional().describe('Set when the range was cut at now ("this month"): where the period ends'),
      })
      .describe('The resolved UTC range, both ends inclusive; it never runs past now for phrases like "this month" or "today"'),
    date_field: z.enum(DATE_FIELDS),
    products_requested: n,
    products_failed: n,
    overall: z.object({
      tests_in_range: n,
      by_status: z.record(n),
      bugs: bugSummarySchema.optional(),
      upcoming_tests: n.optional().describe('Tests due later in the named period (after now), not counted in tests_in_range'),
    }),
    products: z.array(
      z.object({
        product_id: n,
        outcome: z.enum(['ok', 'failed']),
        error: z.string().optional(),
        product_name: z.string().optional(),
        tests_in_range: n.optional(),
        by_status: z.record(n).optional(),
        by_testing_type: z.record(n).optional(),
        tests: z.array(testRowSchema).optional(),
        truncated: z.boolean().optional(),
        bugs: bugSummarySchema.optional(),
        upcoming_tests: n.optional(),
        upcoming: z.array(testRowSchema).optional().describe('The upcoming tests (scheduled after now, within the period), apart from the counted ones'),
      }),
    ),
  },
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
