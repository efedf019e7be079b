import { z } from 'zod';
import { bugIdsParam, bugWriteOutput, MAX_BULK_BUGS, renderBugWrite, writeCall } from '../../src/kit/testio.js';
import { confirmationParam, defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'reject_bug',
  title: 'Reject TestIO bugs',
  description: `Rejects one or more forwarded (open) bugs in TestIO with a reason and a comment for the tester, after the user confirms. Shows each bug's title and its status change (forwarded → rejected) first; asks by elicitation when the client supports it, otherwise answers with that preview and a one-time "confirmation" token, and only a second call with the token (and the same arguments) rejects.

Use this tool when you need to:
- reject bugs that are not reproducible, intended behaviour, duplicates of known bugs...
- reject a batch of open bugs at once (up to ${MAX_BULK_BUGS}, one confirmation, one reason and comment)

Limits: only forwarded bugs can be rejected; rejection cannot be undone through the API. reason is a reject-reason key from TestIO (device_not_relevant, ignored_instructions, intended_behavior, irrelevant, known_bug, not_reproducible, request_timeout); a wrong one is answered with the valid list. Each bug gets its own result, read back from TestIO.

Example: "Reject bug 4210 as not reproducible: tried on three devices."`,
  inputSchema: {
    bug_id: bugIdsParam(),
    reason: z.string().min(1, 'must not be empty').max(100).describe('Reject-reason key, e.g. not_reproducible (the error for a wrong one lists them all).'),
    comment: z.string().trim().min(1, 'must not be empty: tell the tester why').max(2000, 'must be at most 2000 characters').describe('Why, for the tester who reported the bug.'),
    confirmation: confirmationParam(),
  },
  outputSchema: bugWriteOutput,
  toolset: 'testio-write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => ctx.bugReviewService.reject(args.bug_id, args.reason, args.comment, writeCall(args, ctx)),
  render: renderBugWrite,
});
