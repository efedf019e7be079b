import { hours, RECENT_BUGS, renderBugRows, renderBugSummary, testIdParam, testStatusOutput, when } from '../../src/kit/testio.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get_test_status',
  title: 'Get a TestIO test status',
  description: `Shows one exploratory test (test cycle): title, status, testing type, product and section, timeline (start, end, duration, time left while running), review status, and a bug summary — totals by severity (critical, high, low, visual, content, custom) and by status (accepted, auto-accepted, rejected, open), acceptance, rejection and auto-acceptance rates, known bugs, and the ${RECENT_BUGS} most recent bugs.

Use this tool when you need to:
- answer "how is test X going?" or "is test X finished?"
- see how many bugs a test found and how they were triaged
- spot a high auto-acceptance rate (flagged above 30%)

Limits: one test per call; rates are null when there are no bugs. For the bug list use get_test_bugs; for several tests use generate_status_report.

Example: "What is the status of test 109363?"`,
  inputSchema: { test_id: testIdParam() },
  outputSchema: testStatusOutput,
  toolset: 'testio',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => ctx.testStatusService.getStatus(args.test_id, ctx.signal),
  render: ({ test, bugs, recent_bugs }) => {
    const t = test.timeline;
    const where = [test.product?.name, test.section?.name].filter(Boolean).join(' › ') || '—';
    return [
      `## Test ${test.id}: ${test.title}`,
      '',
      `- **Status:** ${test.status}${test.review_status ? ` (review: ${test.review_status})` : ''}`,
      `- **Type:** ${test.testing_type ?? '—'} · **Product:** ${where}`,
      `- **Timeline:** ${when(t.start_at)} → ${when(t.end_at)} (${hours(t.duration_hours)})` +
        (t.time_remaining_hours !== null ? ` · **${hours(t.time_remaining_hours)} left**` : ''),
      ...(test.goal ? [`- **Goal:** ${test.goal}`] : []),
      '',
      '### Bugs',
      renderBugSummary(bugs),
      ...(recent_bugs.length > 0 ? ['', '### Most recent bugs', renderBugRows(recent_bugs)] : []),
    ].join('\n');
  },
});
