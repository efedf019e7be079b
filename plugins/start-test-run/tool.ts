import { renderRunStarted, startRunOutput, testrIdParam } from '../../src/kit/testr.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'start-test-run',
  title: 'Start a Testr browser test run',
  description: `Starts a run of a saved Testr test in headless Chromium on this machine and returns at once with the run id; the run continues in the background. Credits are reserved now (1 per step, or the explorer test's maxCreditSpend) and the unused part is refunded when the run ends.

Use this tool when you need to:
- check that a user flow on a site still works
- reproduce a failure with a recording (animated GIF) of every step

Limits: at most 5 runs execute at once; later ones wait as 'pending'. Fails with "Insufficient credits. Required: X, Available: Y" when the balance is too low, and for unknown or inactive definitions. Poll get-test-run-status for progress and the result; cancel-test-run stops it.

Example: "Run the sign-up browser test against the staging site."`,
  inputSchema: {
    testDefinitionId: testrIdParam('The test definition to run (its UUID, from list-test-definitions or create-test-definition)'),
  },
  outputSchema: startRunOutput,
  toolset: 'testr',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: (args, ctx) => ctx.testr.startRun(args.testDefinitionId),
  render: (output) => renderRunStarted(output),
});
