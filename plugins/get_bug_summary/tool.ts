import { bugDetailOutput } from '../../src/kit/analytics.js';
import { when } from '../../src/kit/testio.js';
import { defineTool, idParam } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get_bug_summary',
  title: 'Summarize one TestIO bug',
  description: `Shows one bug from the synced store: title, severity and type, status (accepted, auto-accepted, rejected with its reason, or open), known flag, product, test and feature it belongs to, author, reported and exported dates, language, location and every device it was reported on.

Use this tool when you need to:
- answer "what is bug X about and where was it found?"
- check why a bug was rejected or whether it was exported
- follow up on a bug found with list_bugs or search

Limits: answers from the local store (run sync_data for the bug's product first; the answer says how fresh it is); one bug per call; steps and comments are not stored.

Example: "Summarize bug 2200123."`,
  inputSchema: { bug_id: idParam('Bug id, e.g. from list_bugs or search.') },
  outputSchema: bugDetailOutput,
  toolset: 'testio-analytics',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.analyticsQueries.bugSummary(args.bug_id),
  render: ({ bug: b, freshness }) =>
    [
      `## Bug ${b.id}: ${b.title}`,
      freshness.note,
      '',
      `- **Severity:** ${b.severity} (${b.bug_type}) · **Status:** ${b.status}${b.reject_reason ? ` (${b.reject_reason})` : ''}${b.known ? ' · known' : ''}`,
      `- **Product:** ${b.product_name ?? b.product_id} · **Test:** ${b.test_id}${b.test_title ? ` ${b.test_title}` : ''}`,
      `- **Feature:** ${b.feature_title ?? (b.feature_id === null ? 'none' : b.feature_id)}`,
      `- **Author:** ${b.author ?? '—'} · **Reported:** ${when(b.reported_at)} · **Exported:** ${when(b.exported_at)}`,
      ...(b.location ? [`- **Location:** ${b.location}`] : []),
      `- **Devices:** ${b.devices.length ? b.devices.join('; ') : '—'}`,
    ].join('\n'),
});
