import { analyticsParams as p, productSummaryOutput } from '../../src/kit/analytics.js';
import { counts, markdownTable, renderBugSummary, when } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get_product_summary',
  title: 'Summarize a TestIO product',
  description: `Summarizes one synced product: tests by status (and how many list no feature), the bug summary (by severity and status, acceptance, rejection and auto-acceptance rates, known bugs), bugs by type, rejected bugs by reason, bugs outside any feature, the features and testers with the most bugs. With a date range, tests are those that started in it and bugs those reported in it (the same bugs list_bugs returns for that product and range).

Use this tool when you need to:
- brief someone on the quality of a product in one answer
- compare a product's triage (acceptance, auto-acceptance) over a quarter
- find the features and testers behind most of the bugs

Limits: answers from the local store (run sync_data first; the answer says how fresh it is); one product per call.

Example: "Give me a summary of product 25073 for Q4 2024."`,
  inputSchema: { product_id: p.productId(), start_date: p.startDate(), end_date: p.endDate() },
  outputSchema: productSummaryOutput,
  toolset: 'testio-analytics',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.analyticsQueries.productSummary(args.product_id, args),
  render: (out) =>
    [
      `## ${out.product.name} (product ${out.product.id}${out.product.type ? `, ${out.product.type}` : ''})`,
      `${out.freshness.note}${out.period ? ` Period: ${when(out.period.start)} → ${when(out.period.end)}.` : ' All time.'}`,
      '',
      `**Tests:** ${out.tests.total} (${counts(out.tests.by_status)}); ${out.tests.without_features} list no feature.`,
      '',
      '### Bugs',
      renderBugSummary(out.bugs),
      `By type: ${counts(out.bugs_by_type)} · outside any feature: ${out.bugs_without_feature}`,
      `Rejected by reason: ${counts(out.reject_reasons)}`,
      '',
      `### Features with the most bugs (${out.features.with_bugs} of ${plural(out.features.total, 'feature')} have bugs)`,
      out.features.top.length ? markdownTable(['ID', 'Feature', 'Bugs'], out.features.top.map((f) => [f.id, f.title, f.bugs])) : 'No bugs tied to a feature.',
      '',
      `### Testers with the most bugs (${plural(out.testers.active, 'active tester')})`,
      out.testers.top.length ? markdownTable(['Tester', 'Bugs'], out.testers.top.map((t) => [t.name, t.bugs])) : 'No bugs with an author.',
    ].join('\n'),
});
