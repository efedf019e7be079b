import { bugIdParam, bugWriteOutput, renderBugWrite, writeCall } from '../../src/kit/testio.js';
import { confirmationParam, defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'mark_bug_exported',
  title: 'Mark a TestIO bug as exported',
  description: `Marks one TestIO bug as exported (copied to the team's own bug tracker), after the user confirms. Shows the bug's title and the change first; asks by elicitation when the client supports it, otherwise answers with that preview and a one-time "confirmation" token, and only a second call with the token (and the same arguments) changes it. A bug already marked is answered "unchanged" without asking.

Use this tool when you need to:
- record that a bug is exported
- keep TestIO's bug list in step with the team's own tracking

Limits: one bug per call; the mark cannot be undone through the API. Answers with the bug read back from TestIO.

Example: "Mark bug 4210 as exported to Jira."`,
  inputSchema: { bug_id: bugIdParam(), confirmation: confirmationParam() },
  outputSchema: bugWriteOutput,
  toolset: 'testio-write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => ctx.bugReviewService.mark(args.bug_id, 'exported', writeCall(args, ctx)),
  render: renderBugWrite,
});
