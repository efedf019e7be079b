import { z } from 'zod';
import { BUG_STATUSES, BUG_TYPES, bugRowSchema, bugStatusParam, bugTypeParam, continuationTokenParam, FUNCTIONAL_SEVERITIES, MAX_PAGE_SIZE, pageSizeParam, renderBugRows, severityParam, testIdParam } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

const n = z.number().int();

export default defineTool({
  name: 'get_test_bugs',
  title: 'Get the bugs of a TestIO test',
  description: `Lists the bugs of one exploratory test, newest first, as compact rows (id, title, severity, status, reported at, device, author), filtered by bug type, severity and status, one page at a time.

Use this tool when you need to:
- see the critical or high functional bugs of a test
- review which bugs were rejected, auto-accepted or are still open (forwarded)
- page through every bug of a test

Limits: page_size 1-${MAX_PAGE_SIZE} (default 25; a page of very long rows may come back shorter); pass the returned continuation_token with the same filters for the next page (no token = last page). Severity exists only for functional bugs. get_valid_bug_filters explains every value.

Example: "Show me the critical functional bugs of test 109363."`,
  inputSchema: {
    test_id: testIdParam(),
    bug_type: bugTypeParam(),
    severity: severityParam(),
    status: bugStatusParam(),
    page_size: pageSizeParam(),
    continuation_token: continuationTokenParam(),
  },
  outputSchema: {
    test_id: n,
    test_title: z.string(),
    filters: z.object({
      bug_type: z.enum([...BUG_TYPES, 'all']),
      severity: z.enum([...FUNCTIONAL_SEVERITIES, 'all']),
      status: z.enum([...BUG_STATUSES, 'all']),
    }),
    total_bugs: n.describe('Bugs of the test before filtering'),
    matching_bugs: n,
    offset: n,
    page_size: n.describe('The page size asked for; long rows may make a page shorter'),
    returned: n,
    bugs: z.array(bugRowSchema),
    continuation_token: z.string().optional().describe('Pass it back for the next page; absent on the last page'),
  },
  toolset: 'testio',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) =>
    ctx.bugQueryService.query(
      {
        testId: args.test_id,
        bug_type: args.bug_type,
        severity: args.severity,
        status: args.status,
        pageSize: args.page_size,
        continuationToken: args.continuation_token,
      },
      ctx.signal,
    ),
  render: (out) => {
    const f = out.filters;
    // Reads as English: "3 rejected critical functional bugs".
    const active = [f.status !== 'all' && f.status.replace('_', '-'), f.severity !== 'all' && f.severity, f.bug_type !== 'all' && f.bug_type].filter(Boolean);
    const kind = active.length ? `${active.join(' ')} bug` : 'bug';
    // "No bugs were reported in this test", "No critical bugs among the 28 bugs of the test", "1 critical bug of 28 in the test".
    const headline =
      out.total_bugs === 0
        ? 'No bugs were reported in this test.'
        : out.matching_bugs === 0
          ? `No ${kind}s among the ${plural(out.total_bugs, 'bug')} of the test.`
          : `${plural(out.matching_bugs, kind)}${active.length ? ` of ${out.total_bugs}` : ''} in the test` +
            (out.returned > 0 ? ` · showing ${out.returned === 1 ? `${out.offset + 1}` : `${out.offset + 1}-${out.offset + out.returned}`}` : '');
    return [
      `## Test ${out.test_id}: ${out.test_title}`,
      headline,
      ...(out.matching_bugs > 0 ? ['', renderBugRows(out.bugs)] : []),
      ...(out.continuation_token
        ? [
            '',
            (out.returned < out.page_size ? `This page was cut to ${plural(out.returned, 'bug')} to keep the answer short. ` : '') +
              `More bugs: call again with the same filters and continuation_token \`${out.continuation_token}\`.`,
          ]
        : []),
    ].join('\n');
  },
});
