import { z } from 'zod';
import { CACHE_KINDS, markdownTable, pct } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

const n = z.number().int();
const figures = z.object({ hits: n, misses: n, hit_rate: z.number().nullable().describe('0..1, null before the first lookup'), entries: n, evictions: n });
const kindFigures = figures.extend({ ttl_seconds: n.describe('How long entries of this kind stay cached') });

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
  outputSchema: {
    overall: figures,
    by_kind: z.object({ products: kindFigures, tests: kindFigures, bugs: kindFigures }),
    api_requests: n.describe('Customer API requests sent since the server started'),
  },
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
