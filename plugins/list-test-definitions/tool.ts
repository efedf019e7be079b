import { z } from 'zod';
import { listDefinitionsOutput, renderDefinitionList, wholeNumberParam } from '../../src/kit/testr.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'list-test-definitions',
  title: 'List Testr test definitions',
  description: `Lists the saved Testr browser test definitions (id, name, target URL, type, number of steps), newest first.

Use this tool when you need to:
- find the id of a test before running it with start-test-run or reading it with get-test-definition
- see which browser tests exist for a site
- check whether a similar test was already created

Limits: pageSize up to 100 (default 10); search matches name, description or target URL (case-insensitive). Steps themselves are shown by get-test-definition.

Example: "Which browser tests do we have for the signup page?"`,
  inputSchema: {
    page: wholeNumberParam('Page number, from 1', 1, 1_000_000).default(1),
    pageSize: wholeNumberParam('Definitions per page (1-100)', 1, 100).default(10),
    search: z.string().max(200).optional().describe('Text to find in the name, description or target URL'),
  },
  outputSchema: listDefinitionsOutput,
  toolset: 'testr',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.testr.listDefinitions(args),
  render: (output) => renderDefinitionList(output),
});
