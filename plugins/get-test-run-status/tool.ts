import { renderRunStatus, runPictures, runStatusOutput, TEST_RUN_VIEW, testrIdParam } from '../../src/kit/testr.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get-test-run-status',
  title: 'Get a Testr test run status',
  description: `Reports a Testr browser test run: status (pending, running, completed, failed, cancelled), each step's result with its duration, what it matched and any error, the step that failed and why, console errors and failed network requests seen on the page, credits used and remaining, and the file:// URL of the GIF recording.

Use this tool when you need to:
- follow a run started with start-test-run until it finishes
- explain why a browser test failed and at which step
- hand the user the recording of a run

Limits: one run per call; a run in progress shows the steps finished so far, so poll every few seconds until the status is completed, failed or cancelled.

Example: "Did the last test run pass, and if not, which step failed?"`,
  inputSchema: {
    testRunId: testrIdParam('The run id (a UUID) returned by start-test-run'),
  },
  outputSchema: runStatusOutput,
  toolset: 'testr',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.testr.getRunStatus(args.testRunId),
  render: (output) => renderRunStatus(output),
  pictures: (output) => runPictures(output),
  app: TEST_RUN_VIEW.uri,
});
