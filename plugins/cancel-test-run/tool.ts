import { cancelRunOutput, renderRunCancelled, testrIdParam } from '../../src/kit/testr.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'cancel-test-run',
  title: 'Cancel a Testr browser test run',
  description: `Stops a Testr browser test run that is pending (queued) or running: its browser is stopped, the run ends as 'cancelled', and the credits reserved for the steps it did not run are refunded (a step already run stays charged).

Use this tool when you need to:
- stop a run started by mistake or against the wrong site
- free a run slot and credits held by a long run

Limits: only pending or running runs can be cancelled; a run that has already ended keeps its result (you get an error saying so). A run executed by another server process can only be stopped by that process.

Example: "Cancel the test run I just started."`,
  inputSchema: {
    testRunId: testrIdParam('The run id (a UUID) returned by start-test-run'),
  },
  outputSchema: cancelRunOutput,
  toolset: 'testr',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.testr.cancelRun(args.testRunId),
  render: (output) => renderRunCancelled(output),
});
