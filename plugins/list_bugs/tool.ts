import { z } from 'zod';
import { analyticsParams as p, BUG_SORTS, bugSummarySchema, DEFAULT_BUG_PAGE, freshnessSchema, listedBugSchema, MAX_BUG_PAGE, periodSchema, SORT_ORDERS } from '../../src/kit/analytics.js';
import { continuationTokenParam, markdownTable, renderBugSummary, when } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

const n = z.number().int();

export default defineTool({
  name: 'list_bugs',
  title: 'List bugs across TestIO tests and products',
  description: `Lists bugs from the local analytics store across tests and products, filtered by status, severity, type, reject reason, author, feature, test and reported date, sorted and paged, with the bug summary (counts by severity and status, acceptance, rejection and auto-acceptance rates) of every matching bug, not just the page. Bugs without a feature are included unless feature_ids narrows the list.

Use this tool when you need to:
- find every rejected bug of a product, e.g. with reject reason not_reproducible
- see the critical bugs reported last month across all products
- count a tester's or a feature's bugs, or the bugs outside any feature (without_feature)

Limits: answers from the store (run sync_data first; every answer says how fresh it is); page_size 1-${MAX_BUG_PAGE} (default ${DEFAULT_BUG_PAGE}); pass continuation_token with the same filters and sort for the next page. Dates filter reported_at.

Example: "List the rejected critical bugs of product 25073 reported in Q4 2024."`,
  inputSchema: {
    product_ids: p.productIds(),
    test_ids: p.testIds(),
    feature_ids: p.featureIds(),
    without_feature: z.boolean().optional().describe('Only bugs reported outside any feature (with feature_ids: those features or no feature).'),
    statuses: p.statuses(),
    severities: p.severities(),
    bug_types: p.bugTypes(),
    reject_reasons: p.rejectReasons(),
    authors: p.authors(),
    known: z.boolean().optional().describe('true: only bugs marked known; false: only the others. Default: both.'),
    start_date: p.startDate(),
    end_date: p.endDate(),
    sort_by: z.enum(BUG_SORTS).optional().describe('reported_at (default), severity (critical first when desc), status (open first when desc) or id.'),
    sort_order: z.enum(SORT_ORDERS).optional().describe('desc (default) or asc.'),
    page_size: p.limit('bugs per page', MAX_BUG_PAGE, DEFAULT_BUG_PAGE),
    continuation_token: continuationTokenParam(),
  },
  outputSchema: {
    filter: z.record(z.unknown()).describe('The filter applied, in canonical form (dates as reported_from/reported_to)'),
    period: periodSchema,
    sort_by: z.enum(BUG_SORTS),
    sort_order: z.enum(SORT_ORDERS),
    matching_bugs: n,
    summary: bugSummarySchema.describe('Every matching bug, not just this page'),
    offset: n,
    page_size: n,
    returned: n,
    bugs: z.array(listedBugSchema),
    continuation_token: z.string().optional().describe('Pass it back with the same filters and sort for the next page; absent on the last page'),
    freshness: freshnessSchema,
  },
  toolset: 'testio-analytics',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) =>
    ctx.analyticsQueries.listBugs({
      filter: {
        product_ids: args.product_ids,
        test_ids: args.test_ids,
        feature_ids: args.feature_ids,
        without_feature: args.without_feature,
        statuses: args.statuses,
        severities: args.severities,
        bug_types: args.bug_types,
        reject_reasons: args.reject_reasons,
        authors: args.authors,
        known: args.known,
      },
      start_date: args.start_date,
      end_date: args.end_date,
      sort_by: args.sort_by,
      sort_order: args.sort_order,
      page_size: args.page_size,
      continuation_token: args.continuation_token,
    }),
  render: (out) => {
    const from = out.returned === 0 ? 0 : out.offset + 1;
    const period = out.period ? ` reported ${when(out.period.start)} → ${when(out.period.end)}` : '';
    return [
      `## ${plural(out.matching_bugs, 'matching bug')}${period}`,
      `${out.freshness.note} Sorted by ${out.sort_by} ${out.sort_order}` + (out.matching_bugs > 0 ? ` · showing ${from}-${out.offset + out.returned}` : ''),
      '',
      renderBugSummary(out.summary),
      '',
      out.bugs.length === 0
        ? 'No bugs on this page.'
        : markdownTable(
            ['ID', 'Title', 'Severity', 'Status', 'Reject reason', 'Test', 'Feature', 'Reported', 'Author'],
            out.bugs.map((b) => [b.id, b.title, b.severity, b.status + (b.known ? ' (known)' : ''), b.reject_reason, b.test_id, b.feature_title ?? (b.feature_id === null ? 'none' : b.feature_id), when(b.reported_at), b.author]),
          ),
      ...(out.continuation_token ? ['', `More bugs: call again with the same filters and continuation_token \`${out.continuation_token}\`.`] : []),
    ].join('\n');
  },
});
