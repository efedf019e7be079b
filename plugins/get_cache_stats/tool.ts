import { cacheStatsOutput, CACHE_KINDS, markdownTable, pct } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

export default defineTool({
  name: 'get_cache_stats',
  title: 'Show TestIO cache statistics',
  description: `Shows how the server's TestIO response cache performs: hits, misses, hit rate, entries and evictions for products, tests and bugs and overall, each kind's time-to-live, and the API requests made since start.

Use this tool when you need to:
- explain why answers are fast (cached) or why data may be a few minutes old
- decide whether clear_cache is worth calling

Limits: covers this server process only; figures reset when it restarts. Makes no API call.

Example: "How well is the TestIO cache working?"`,
  inputSchema: {},
  outputSchema: cacheStatsOutput,
  toolset: 'admin',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (_args, ctx) => ctx.cacheService.stats(),
  render: (out) =>
    [
      `## Cache: ${pct(out.overall.hit_rate)} hit rate, ${plural(out.overall.entries, 'entry', 'entries')}`,
      '',
      markdownTable(
        ['Kind', 'Hits', 'Misses', 'Hit rate', 'Entries', 'Evictions', 'TTL'],
        [
          ...CACHE_KINDS.map((k) => {
            const s = out.by_kind[k];
            return [k, s.hits, s.misses, pct(s.hit_rate), s.entries, s.evictions, `${s.ttl_seconds} s`];
          }),
          ['all', out.overall.hits, out.overall.misses, pct(out.overall.hit_rate), out.overall.entries, out.overall.evictions, ''],
        ],
      ),
      '',
      `${out.api_requests} API requests since start.`,
    ].join('\n'),
});
