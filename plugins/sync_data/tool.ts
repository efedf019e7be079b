import { z } from 'zod';
import { runSyncData } from '../../src/kit/analytics.js';
import { markdownTable } from '../../src/kit/testio.js';
import { defineTool, idListParam, plural } from '../../src/kit/tool.js';

const n = z.number().int();
const failure = z.object({ what: z.string().describe('The page or bug list that kept failing'), error: z.string() });
const product = z.object({
  product_id: n,
  product_name: z.string(),
  mode: z.enum(['first', 'incremental', 'full']).describe('first: the whole history; incremental: new and mutable tests; full: everything again (force)'),
  tests_listed: n,
  tests_new: n,
  tests_changed: n,
  tests_bugs_fetched: n.describe('Tests whose bug lists were fetched'),
  bugs_written: n,
  pages: n.describe('Test pages requested'),
  failures: z.array(failure),
  complete: z.boolean().describe('Every test page was read'),
  duration_ms: n,
});

export default defineTool({
  name: 'sync_data',
  title: 'Sync TestIO data into the local analytics store',
  description: `Copies TestIO products, features, tests and all their bugs into the local analytics store, which list_bugs, search, the summaries and reports answer from in milliseconds. The first sync of a product reads its whole history; later syncs fetch new tests and refresh tests that can still change (archived and cancelled tests are never fetched again). Reports progress per product.

Use this tool when you need to:
- prepare the store before analytics questions (a first sync of a large account takes a while)
- refresh the store now instead of waiting for the background sync
- re-read everything after upstream data was corrected (force: true)

Limits: products the token can see only; a page that keeps failing is retried with smaller pages, then reported here and in get_server_diagnostics (and retried by the next sync). since limits the sync to tests starting from that date.

Example: "Sync product 25073 for the last 6 months."`,
  inputSchema: {
    product_ids: idListParam('Products to sync (default: every product the token can see). Find ids with list_products.', 100).optional(),
    since: z.string().max(100).optional().describe('Only tests starting from this date: any date phrase, e.g. "2024-10-01", "last 6 months", "Q4 2024", "3 months ago". Default: the whole history.'),
    force: z.boolean().optional().describe('Fetch every test and bug again, even unchanged and archived ones. Default false.'),
  },
  outputSchema: {
    since: z.object({ input: z.string(), from: z.string(), resolved: z.string().describe('What the phrase resolved to') }).nullable(),
    force: z.boolean(),
    products: z.array(product),
    errors: z.array(z.object({ product_id: n, product_name: z.string(), error: z.string() })).describe('Products that could not be synced'),
    totals: z.object({ products: n, tests_new: n, tests_changed: n, tests_bugs_fetched: n, bugs_written: n, failed_pages: n }),
    duration_ms: n,
  },
  toolset: 'admin',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => runSyncData(ctx.analytics, args, { signal: ctx.signal, progress: ctx.progress }),
  render: (out) => {
    const t = out.totals;
    const lines = [
      `## Synced ${plural(t.products, 'product')} in ${(out.duration_ms / 1000).toFixed(1)} s`,
      '',
      `${plural(t.tests_new, 'new test')}, ${plural(t.tests_changed, 'changed test')}, bug lists of ${plural(t.tests_bugs_fetched, 'test')} fetched (${plural(t.bugs_written, 'bug')}).`,
    ];
    if (out.since) lines.push(`Since: ${out.since.resolved}.`);
    if (out.products.length > 0) {
      lines.push(
        '',
        markdownTable(
          ['Product', 'Mode', 'Listed', 'New', 'Changed', 'Bug lists', 'Bugs', 'Failed pages'],
          out.products.map((p) => [`${p.product_name} (${p.product_id})`, p.mode, p.tests_listed, p.tests_new, p.tests_changed, p.tests_bugs_fetched, p.bugs_written, p.failures.length]),
        ),
      );
    }
    const failures = out.products.flatMap((p) => p.failures.map((f) => `- ${p.product_name} (${p.product_id}): ${f.what}: ${f.error}`));
    if (failures.length > 0) lines.push('', `**${plural(failures.length, 'page')} kept failing** (retried by the next sync; see get_server_diagnostics):`, ...failures);
    if (out.errors.length > 0) lines.push('', '**Not synced:**', ...out.errors.map((e) => `- ${e.product_name} (${e.product_id}): ${e.error}`));
    return lines.join('\n');
  },
});
