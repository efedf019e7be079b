import { z } from 'zod';
import { analyticsParams as p, freshnessSchema, MAX_USERS, periodSchema, USER_KINDS, userRowSchema } from '../../src/kit/analytics.js';
import { markdownTable, when } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

const n = z.number().int();

export default defineTool({
  name: 'list_users',
  title: 'List TestIO testers and customers by activity',
  description: `Lists the people active in the synced data: testers (who reported bugs; counted by reported date) and customers (who created or submitted tests; counted by test start), most active first, with bugs reported and accepted, tests created, products touched, and first and last activity.

Use this tool when you need to:
- find the most productive testers of a product last quarter
- see who on the customer side creates the tests
- get a user's exact name for get_user_summary or list_bugs authors

Limits: answers from the local store (run sync_data first; the answer says how fresh it is); at most ${MAX_USERS} users per answer; only users with activity in the period are listed.

Example: "Who were the most active testers on product 25073 in the last 3 months?"`,
  inputSchema: {
    kind: z.enum([...USER_KINDS, 'all']).default('all').describe('tester (bug authors), customer (test creators and submitters) or all (default).'),
    product_ids: p.productIds(),
    start_date: p.startDate(),
    end_date: p.endDate(),
    limit: p.limit('users', MAX_USERS, MAX_USERS),
  },
  outputSchema: {
    kind: z.enum([...USER_KINDS, 'all']),
    period: periodSchema,
    active_users: n,
    returned: n,
    truncated: z.boolean(),
    users: z.array(userRowSchema),
    freshness: freshnessSchema,
  },
  toolset: 'testio-analytics',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.analyticsQueries.listUsers(args),
  render: (out) => {
    const who = out.kind === 'all' ? 'user' : out.kind;
    const period = out.period ? ` active ${when(out.period.start)} → ${when(out.period.end)}` : '';
    return [
      `## ${plural(out.active_users, who)}${period}`,
      out.freshness.note,
      '',
      out.users.length === 0
        ? 'Nobody was active in this period.'
        : markdownTable(
            ['Name', 'Role', 'Bugs reported', 'Accepted', 'Tests created', 'Products', 'First', 'Last'],
            out.users.map((u) => [u.name, u.kind, u.bugs_reported, u.accepted_bugs, u.tests_created, u.products, when(u.first_activity_at), when(u.last_activity_at)]),
          ),
      ...(out.truncated ? ['', `Showing the ${out.returned} most active of ${out.active_users}; narrow with kind, product_ids or dates.`] : []),
    ].join('\n');
  },
});
