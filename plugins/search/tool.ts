import { z } from 'zod';
import { analyticsParams as p, DEFAULT_SEARCH_LIMIT, freshnessSchema, MAX_QUERY_CHARS, MAX_SEARCH_LIMIT, MAX_SEARCH_TERMS, SEARCH_KINDS, searchHitSchema } from '../../src/kit/analytics.js';
import { markdownTable } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

const n = z.number().int();

export default defineTool({
  name: 'search',
  title: 'Search TestIO products, features, tests and bugs',
  description: `Full-text search over the synced products, features (with user stories), tests (title, goal) and bugs (title, steps, results), best matches first, with how the query was read.

Use this tool when you need to:
- find the bugs about "checkout" or "login-page" across every test
- find a test or feature by words from its goal or description
- look up ids to pass to the summaries or list_bugs

How the query is read: every word must match; "double quotes" keep a phrase; a trailing * is a prefix (sign* finds signup); hyphenated words such as login-page are one word; AND, OR, NOT and other punctuation are searched as plain text, never as operators. The answer's interpreted_as shows exactly what was searched and ignored lists what had no letters or digits.

Limits: answers from the local store (run sync_data first); up to ${MAX_SEARCH_LIMIT} hits (default ${DEFAULT_SEARCH_LIMIT}); at most ${MAX_SEARCH_TERMS} words and ${MAX_QUERY_CHARS} characters.

Example: "Search for bugs mentioning login-page crash."`,
  inputSchema: {
    query: z.string().max(MAX_QUERY_CHARS, `must be at most ${MAX_QUERY_CHARS} characters`).describe('Words to find, e.g. login-page crash, "exact phrase", sign*'),
    kinds: z
      .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(SEARCH_KINDS)).min(1, 'needs at least one kind; omit it for all'))
      .optional()
      .describe('Only these kinds: product, feature, test, bug. Default: all.'),
    product_ids: p.productIds(),
    limit: p.limit('hits', MAX_SEARCH_LIMIT, DEFAULT_SEARCH_LIMIT),
  },
  outputSchema: {
    query: z.string(),
    interpreted_as: z.array(z.string()).describe('The terms searched, all required; "…" a phrase, * a prefix'),
    ignored: z.array(z.string()).describe('Parts of the query with nothing to search for (no letters or digits)'),
    returned: n,
    more: z.boolean().describe('More hits exist past limit'),
    hits: z.array(searchHitSchema),
    freshness: freshnessSchema,
  },
  toolset: 'testio-analytics',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (args, ctx) => ctx.analyticsQueries.search(args),
  render: (out) =>
    [
      `## ${plural(out.returned, 'hit')}${out.more ? ' (more exist: raise limit or add words)' : ''} for ${out.interpreted_as.join(' + ')}`,
      out.freshness.note + (out.ignored.length ? ` Ignored (nothing to search for): ${out.ignored.join(' ')}` : ''),
      '',
      out.hits.length === 0
        ? 'Nothing matches every word. Try fewer words, or a prefix such as sign*.'
        : markdownTable(['Kind', 'ID', 'Product', 'Title', 'Text'], out.hits.map((h) => [h.kind, h.id, h.product_id, h.title, h.snippet])),
    ].join('\n'),
});
