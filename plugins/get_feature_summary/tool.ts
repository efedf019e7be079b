import { featureSummaryOutput } from '../../src/kit/analytics.js';
import { counts, markdownTable, renderBugSummary, when } from '../../src/kit/testio.js';
import { defineTool, idParam, plural } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get_feature_summary',
  title: 'Summarize a TestIO feature',
  description: `Summarizes one feature of a synced product: its user stories, the tests that list it (by status), the bug summary of the bugs reported against it (by severity and status, acceptance, rejection and auto-acceptance rates), rejected bugs by reason, how many testers reported them, and the most recent bugs.

Use this tool when you need to:
- judge how well a feature was tested and how buggy it is
- see what kind of bugs a feature attracts and how they were triaged
- prepare a review of one area of a product

Limits: answers from the local store (run sync_data first; the answer says how fresh it is); one feature per call (list_features lists the ids); up to 20 user stories shown.

Example: "How buggy is feature 3001 of product 25073?"`,
  inputSchema: { feature_id: idParam('Feature id, e.g. from list_features.') },
  outputSchema: featureSummaryOutput,
  toolset: 'testio-analytics',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.analyticsQueries.featureSummary(args.feature_id),
  render: (out) =>
    [
      `## Feature ${out.feature.id}: ${out.feature.title}`,
      `Product: ${out.feature.product.name} (${out.feature.product.id}) · ${out.freshness.note}`,
      '',
      `**User stories:** ${out.user_story_count}${out.user_stories.length ? '' : ' (none)'}`,
      ...out.user_stories.map((s) => `- ${s}`),
      '',
      `**Tests listing it:** ${out.tests.total}${out.tests.total ? ` (${counts(out.tests.by_status)})` : ''}`,
      '',
      '### Bugs',
      renderBugSummary(out.bugs),
      ...(out.bugs.total ? [`Rejected by reason: ${counts(out.reject_reasons)} · reported by ${plural(out.testers, 'tester')}`] : []),
      ...(out.recent_bugs.length
        ? ['', '### Most recent bugs', markdownTable(['ID', 'Title', 'Severity', 'Status', 'Test', 'Reported'], out.recent_bugs.map((b) => [b.id, b.title, b.severity, b.status, b.test_id, when(b.reported_at)]))]
        : []),
    ].join('\n'),
});
