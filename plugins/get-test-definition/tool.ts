import { getDefinitionOutput, renderDefinition, testrIdParam } from '../../src/kit/testr.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get-test-definition',
  title: 'Get a Testr test definition',
  description: `Shows one Testr browser test definition: its target URL, type, whether it is active, and its numbered steps (each marked 'action' or 'verification'), or for an explorer test its goal and credit budget.

Use this tool when you need to:
- read the steps of a test before running it or after a run failed at a step
- check what a run will cost (1 credit per step; explorer: up to maxCreditSpend)
- confirm a definition is active before start-test-run

Limits: one definition per call; find ids with list-test-definitions. Run results are in get-test-run-status.

Example: "What steps does the sign-up browser test perform?"`,
  inputSchema: {
    id: testrIdParam('The test definition id (a UUID, from list-test-definitions or create-test-definition)'),
  },
  outputSchema: getDefinitionOutput,
  toolset: 'testr',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.testr.getDefinition(args.id),
  render: (output) => renderDefinition(output),
});
