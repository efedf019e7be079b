import { z } from 'zod';
import { analyticsParams as p, userSummaryOutput } from '../../src/kit/analytics.js';
import { counts, markdownTable, renderBugSummary, when } from '../../src/kit/testio.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get_user_summary',
  title: 'Summarize a TestIO tester or customer',
  description: `Summarizes one person in the synced data. As a tester: the bug summary of the bugs they reported (by severity and status, acceptance and rejection rates), in how many tests, per product, first and last bug. As a customer: the tests they created or submitted (by status) and the bug summary of those tests. A name can be both.

Use this tool when you need to:
- review a tester's output and how much of it was accepted
- see what a customer-side user ran and what it found
- prepare a one-on-one or a vendor review

Limits: answers from the local store (run sync_data first; the answer says how fresh it is); the name must match exactly (list_users shows the names); a date range filters bugs by reported date and tests by start.

Example: "How did tester alex.k do last quarter?"`,
  inputSchema: {
    user: z.string().min(1, 'must not be empty').max(200).describe('The user name exactly as list_users shows it.'),
    start_date: p.startDate(),
    end_date: p.endDate(),
  },
  outputSchema: userSummaryOutput,
  toolset: 'testio-analytics',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.analyticsQueries.userSummary(args.user, args),
  render: (out) => {
    const t = out.as_tester;
    const c = out.as_customer;
    return [
      `## ${out.user.name} (${out.user.roles.join(' and ')})`,
      `${out.freshness.note}${out.period ? ` Period: ${when(out.period.start)} → ${when(out.period.end)}.` : ' All time.'}`,
      ...(t
        ? [
            '',
            `### As a tester: bugs in ${t.tests} tests, ${when(t.first_bug_at)} → ${when(t.last_bug_at)}`,
            renderBugSummary(t.bugs),
            '',
            markdownTable(['Product', 'ID', 'Bugs'], t.products.map((x) => [x.name, x.id, x.bugs])),
          ]
        : []),
      ...(c
        ? ['', `### As a customer: ${c.tests} tests (${counts(c.tests_by_status)}), ${when(c.first_test_at)} → ${when(c.last_test_at)}`, renderBugSummary(c.bugs)]
        : []),
      ...(!t && !c ? ['', 'No activity in this period.'] : []),
    ].join('\n');
  },
});
