/**
 * get_server_diagnostics: is the API reachable with the caller's token, how big is the caller's
 * store and what does it hold, when was each product last synced, which pages keep failing, and
 * how the background sync is set. Only the caller's tenant is shown (other tenants are a count).
 */
import { errorText } from '../../platform/errors.js';
import { ago } from '../freshness.js';
import { TABLE_NAMES } from '../store/tables.js';
import type { AnalyticsTenant } from '../tenants.js';

export interface ApiCheck {
  latency_ms: number;
}

export interface DiagnosticsInput {
  tenant: AnalyticsTenant;
  /** A cheap authenticated API call (health_check's). */
  checkApi: () => Promise<ApiCheck>;
  baseUrl: string;
  /** Tenants with a store in this process. */
  tenantsInProcess: number;
  background: { interval_minutes: number; last_run_at: string | null };
  now?: Date;
}

export async function serverDiagnostics(input: DiagnosticsInput) {
  const now = input.now ?? new Date();
  const api = await input
    .checkApi()
    .then((r) => ({ reachable: true, latency_ms: r.latency_ms, error: null }))
    .catch((error: unknown) => ({ reachable: false, latency_ms: null, error: errorText(error) }));
  const store = await input.tenant.store();
  const { db } = store;
  const rows: Record<string, number> = {};
  for (const table of TABLE_NAMES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    rows[table] = Number(row.n);
  }
  const states = await db.selectFrom('sync_state').selectAll().orderBy('product_id').execute();
  const names = new Map((await db.selectFrom('products').select(['id', 'name']).execute()).map((p) => [Number(p.id), p.name]));
  const testCounts = new Map((await db.selectFrom('tests').select(['product_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('product_id').execute()).map((r) => [Number(r.product_id), Number(r.n)]));
  const bugCounts = new Map((await db.selectFrom('bugs').select(['product_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('product_id').execute()).map((r) => [Number(r.product_id), Number(r.n)]));
  const failures = await db.selectFrom('sync_failures').selectAll().where('resolved_at', 'is', null).orderBy('product_id').orderBy('id').execute();
  return {
    api: { ...api, base_url: input.baseUrl },
    store: {
      dialect: store.dialect,
      location: store.location,
      size_bytes: await store.sizeBytes(),
      rows,
      syncing: input.tenant.busy(),
      tenants_in_process: input.tenantsInProcess,
    },
    products: states.map((s) => {
      const id = Number(s.product_id);
      return {
        product_id: id,
        name: names.get(id) ?? null,
        tests: testCounts.get(id) ?? 0,
        bugs: bugCounts.get(id) ?? 0,
        completed_at: s.completed_at,
        synced_ago: s.completed_at ? ago(Math.max(0, (now.getTime() - Date.parse(s.completed_at)) / 1000)) : null,
        last_sync_at: s.last_sync_at,
        covered_since: s.covered_since,
        last_duration_ms: s.last_duration_ms === null ? null : Number(s.last_duration_ms),
        last_error: s.last_error,
      };
    }),
    failed_pages: failures.map((f) => ({ product_id: Number(f.product_id), what: f.what, error: f.error, attempts: Number(f.attempts), failed_at: f.failed_at })),
    background_sync: input.background,
    checked_at: now.toISOString(),
  };
}

export type ServerDiagnostics = Awaited<ReturnType<typeof serverDiagnostics>>;
