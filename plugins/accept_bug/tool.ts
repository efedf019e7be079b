import { bugIdsParam, bugWriteOutput, MAX_BULK_BUGS, renderBugWrite, writeCall } from '../../src/kit/testio.js';
import { confirmationParam, defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'accept_bug',
  title: 'Accept TestIO bugs',
  description: `Accepts one or more forwarded (open) bugs in TestIO, after the user confirms. Shows each bug's title and its status change (forwarded → accepted) first; asks by elicitation when the client supports it, otherwise answers with that preview and a one-time "confirmation" token, and only a second call with the token (and the same arguments) accepts.

Use this tool when you need to:
- accept bugs the user reviewed and agrees with
- accept a batch of open bugs of a test at once (up to ${MAX_BULK_BUGS}, one confirmation)

Limits: only forwarded bugs can be accepted; acceptance cannot be undone through the API. In a batch, each bug gets its own result (some may fail, the rest still apply), with the new state read back from TestIO.

Example: "Accept bugs 4210 and 4211."`,
  inputSchema: { bug_id: bugIdsParam(), confirmation: confirmationParam() },
  outputSchema: bugWriteOutput,
  toolset: 'testio-write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => ctx.bugReviewService.accept(args.bug_id, writeCall(args, ctx)),
  render: renderBugWrite,
});
