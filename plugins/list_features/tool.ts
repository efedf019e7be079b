import { z } from 'zod';
import { analyticsParams as p, bugSummarySchema, FEATURE_SORTS, featureRowSchema, freshnessSchema, MAX_FEATURES } from '../../src/kit/analytics.js';
import { markdownTable, pct, renderBugSummary } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

const n = z.number().int();

export default defineTool({
  name: 'list_features',
  title: 'List the features of a TestIO product',
  description: `Lists the features of one synced product with their user stories, the tests that list them, and their bugs (total, open, acceptance rate), plus the bug summary of the whole product, the bugs reported outside any feature and the tests that list no feature, so nothing drops out of the totals.

Use this tool when you need to:
- find a feature id for get_feature_summary or list_bugs
- see which features collect the most bugs or are tested least
- check how many bugs and tests are not tied to any feature

Limits: answers from the local store (run sync_data first; the answer says how fresh it is); at most ${MAX_FEATURES} features per answer.

Example: "Which features of product 25073 have the most bugs?"`,
  inputSchema: {
    product_id: p.productId(),
    sort_by: z.enum(FEATURE_SORTS).default('bugs').describe('bugs (default, most first), tests (most first) or title.'),
    limit: p.limit('features', MAX_FEATURES, MAX_FEATURES),
  },
  outputSchema: {
    product: z.object({ id: n, name: z.string() }),
    total_features: n,
    returned: n,
    truncated: z.boolean(),
    features: z.array(featureRowSchema),
    bugs: bugSummarySchema.describe('Every bug of the product, with or without a feature'),
    bugs_without_feature: n,
    tests: n,
    tests_without_features: n,
    freshness: freshnessSchema,
  },
  toolset: 'testio-analytics',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.analyticsQueries.listFeatures(args.product_id, args.sort_by, args.limit),
  render: (out) =>
    [
      `## ${out.product.name} (product ${out.product.id}): ${plural(out.total_features, 'feature')}`,
      out.freshness.note,
      '',
      markdownTable(
        ['ID', 'Feature', 'User stories', 'Tests', 'Bugs', 'Open', 'Acceptance'],
        out.features.map((f) => [f.id, f.title, f.user_stories, f.tests, f.bugs, f.open_bugs, pct(f.acceptance_rate)]),
      ),
      ...(out.truncated ? ['', `Showing ${out.returned} of ${out.total_features}.`] : []),
      '',
      `Outside any feature: ${plural(out.bugs_without_feature, 'bug')}; ${plural(out.tests_without_features, 'test')} of ${out.tests} list no feature.`,
      '',
      '### All bugs of the product',
      renderBugSummary(out.bugs),
    ].join('\n'),
});
