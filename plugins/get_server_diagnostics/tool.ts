import { z } from 'zod';
import { serverDiagnostics } from '../../src/kit/analytics.js';
import { markdownTable } from '../../src/kit/testio.js';
import { defineTool, EMPTY_CELL, plural } from '../../src/kit/tool.js';

const n = z.number().int();
const nullableText = z.string().nullable();

export default defineTool({
  name: 'get_server_diagnostics',
  title: 'Diagnose the server: API, analytics store and sync',
  description: `Reports the server's health for your TestIO token: whether the Customer API answers (and how fast), the analytics store's engine, size and row counts per table, when each product was last synced and how long it took, pages that keep failing to sync, and the background sync interval.

Use this tool when you need to:
- find out why analytics answers look stale or incomplete (last sync, failed pages)
- check whether a sync is running or has ever run
- report the store's size and contents to an administrator

Limits: shows only your own tenant's store (other tenants appear as a count); one cheap API call.

Example: "When was the data last synced, and did anything fail?"`,
  inputSchema: {},
  outputSchema: {
    api: z.object({ reachable: z.boolean(), latency_ms: n.nullable(), error: nullableText, base_url: z.string() }),
    store: z.object({
      dialect: z.enum(['sqlite', 'postgres']),
      location: z.string().describe('The SQLite file, or the PostgreSQL schema'),
      size_bytes: n,
      rows: z.record(n).describe('Rows per table'),
      syncing: z.boolean().describe('A sync of this store is running or queued'),
      tenants_in_process: n,
    }),
    products: z.array(
      z.object({
        product_id: n,
        name: nullableText,
        tests: n,
        bugs: n,
        completed_at: nullableText.describe('When the last finished pass over its tests ended'),
        synced_ago: nullableText,
        last_sync_at: z.string(),
        covered_since: nullableText.describe('Oldest test start the store holds every test from; null: the whole history'),
        last_duration_ms: n.nullable(),
        last_error: nullableText,
      }),
    ),
    failed_pages: z.array(z.object({ product_id: n, what: z.string(), error: z.string(), attempts: n, failed_at: z.string() })),
    background_sync: z.object({ interval_minutes: n.describe('0: no background sync'), last_run_at: nullableText }),
    checked_at: z.string(),
  },
  toolset: 'admin',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (_args, ctx) => {
    const info = ctx.analytics.processInfo();
    return serverDiagnostics({
      tenant: ctx.analytics,
      checkApi: async () => ({ latency_ms: (await ctx.healthService.check(ctx.signal)).latency_ms }),
      baseUrl: ctx.config.baseUrl,
      tenantsInProcess: info.tenants_in_process,
      background: info.background,
    });
  },
  render: (out) => {
    const mb = (out.store.size_bytes / 1_048_576).toFixed(1);
    const lines = [
      `## Server diagnostics`,
      '',
      out.api.reachable ? `- API: reachable (${out.api.latency_ms} ms), ${out.api.base_url}` : `- API: **not reachable**: ${out.api.error}`,
      `- Store: ${out.store.dialect}, ${mb} MB, ${plural(out.store.rows.tests ?? 0, 'test')}, ${plural(out.store.rows.bugs ?? 0, 'bug')}${out.store.syncing ? ' (sync running)' : ''}`,
      `- Background sync: ${out.background_sync.interval_minutes === 0 ? 'off' : `every ${out.background_sync.interval_minutes} min`}${out.background_sync.last_run_at ? `, last run ${out.background_sync.last_run_at}` : ''}`,
    ];
    if (out.products.length === 0) lines.push('', 'Nothing is synced yet: call sync_data.');
    else {
      lines.push(
        '',
        markdownTable(
          ['Product', 'Tests', 'Bugs', 'Synced', 'Took', 'Last error'],
          out.products.map((p) => [p.name ? `${p.name} (${p.product_id})` : String(p.product_id), p.tests, p.bugs, p.synced_ago ?? 'not finished', p.last_duration_ms === null ? EMPTY_CELL : `${(p.last_duration_ms / 1000).toFixed(1)} s`, p.last_error ?? EMPTY_CELL]),
        ),
      );
    }
    if (out.failed_pages.length > 0) {
      lines.push('', `**${plural(out.failed_pages.length, 'page')} keep failing** (retried by every sync):`, ...out.failed_pages.map((f) => `- product ${f.product_id}: ${f.what} (${plural(f.attempts, 'attempt')}): ${f.error}`));
    }
    return lines.join('\n');
  },
});
