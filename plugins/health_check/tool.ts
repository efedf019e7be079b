import { healthOutput } from '../../src/kit/testio.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'health_check',
  title: 'Check the TestIO API connection',
  description: `Checks that the TestIO Customer API answers and accepts the configured token, with one cheap uncached call; reports latency, the API base URL (never the token) and the server version.

Use this tool when you need to:
- confirm the server is set up before asking about tests, bugs or products
- diagnose why other TestIO tools fail (missing or rejected token, unreachable API)

Limits: one request, no data returned; a failure is an error that says what to fix (for a missing token it names TESTIO_CUSTOMER_API_TOKEN).

Example: "Is the TestIO connection working?"`,
  inputSchema: {},
  outputSchema: healthOutput,
  toolset: 'testio',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (_args, ctx) => ctx.healthService.check(ctx.signal),
  render: (out) =>
    [
      `✅ **TestIO API reachable** — token accepted, ${out.latency_ms} ms`,
      '',
      `- Base URL: ${out.base_url}${out.sandbox ? ' (sandbox)' : ''}`,
      `- Server version: ${out.server_version}`,
      `- Checked: ${out.checked_at}`,
    ].join('\n'),
});
