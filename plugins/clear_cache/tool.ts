import { cacheClearOutput } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

export default defineTool({
  name: 'clear_cache',
  title: 'Clear the TestIO cache',
  description: `Empties the server's cache of TestIO products, tests and bugs, so the next questions fetch fresh data from the API. Nothing in TestIO itself changes.

Use this tool when you need to:
- see a change made in TestIO right now instead of after the cache expires (tests 5 min, bugs 1 min, products 1 h by default)
- rule out stale data when answers look wrong

Limits: the next calls are slower while the cache refills; it affects this server process only.

Example: "Clear the cache and show me the latest bugs of test 109363."`,
  inputSchema: {},
  outputSchema: cacheClearOutput,
  toolset: 'admin',
  // It empties a cache, not user data: not read-only, yet neither destructive nor open-world.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (_args, ctx) => ctx.cacheService.clear(),
  render: (out) => `🧹 Cache cleared: ${plural(out.cleared_entries, 'entry', 'entries')} removed. The next answers fetch fresh data from TestIO.`,
});
