import { renderTestWrite, testIdParam, testWriteOutput, writeCall } from '../../src/kit/testio.js';
import { confirmationParam, defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'launch_exploratory_test',
  title: 'Launch a TestIO exploratory test',
  description: `Launches an initialized exploratory test in TestIO, after the user confirms: testers start on it. Shows the test's title, schedule (start, end, duration), testing type and scope first; asks by elicitation when the client supports it, otherwise answers with that preview and a one-time "confirmation" token, and only a second call with the token (and the same argument) launches it.

Use this tool when you need to:
- start a test created with create_exploratory_test
- start a prepared test cycle now

Limits: only an initialized test can be launched, once; a launch cannot be undone through the API. Answers with the test read back from TestIO.

Example: "Launch test 110500."`,
  inputSchema: { test_id: testIdParam(), confirmation: confirmationParam() },
  outputSchema: testWriteOutput,
  toolset: 'testio-write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => ctx.testWriteService.launch(args.test_id, writeCall(args, ctx)),
  render: renderTestWrite,
});
