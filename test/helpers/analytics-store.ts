/**
 * An analytics store filled from a real sandbox over real HTTP, for the analytics tools' tests:
 *
 *   const synced = await startSyncedStore();             // default sandbox, every product, SQLite
 *   const { db } = synced.store;                          // Kysely over the tables
 *   ... await synced.close();
 *
 * `dialect: 'postgres'` uses TEST_DATABASE_URL (a schema of its own, dropped by close()). For tool
 * tests through the MCP harness, call the `sync_data` tool instead (the harness gives every test
 * its own TESTIO_DATA_DIR).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/areas.js';
import { openStore, type AnalyticsStore } from '../../src/analytics/store/open-store.js';
import { TABLE_NAMES } from '../../src/analytics/store/tables.js';
import { rebuildProductBugCounts } from '../../src/analytics/store/product-bug-counts.js';
import { rebuildTesterTests } from '../../src/analytics/store/tester-tests.js';
import { rebuildTesterWeeks } from '../../src/analytics/store/tester-weeks.js';
import type { StoreDb } from '../../src/analytics/store/write.js';
import { apiSyncSource, type SyncSource } from '../../src/analytics/sync/source.js';
import { syncTenant, type SyncRequest, type SyncRunResult } from '../../src/analytics/sync/sync-tenant.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/index.js';
import { TestioHttpClient } from '../../src/testio/data/http-client.js';
import { databaseUrl } from './services.js';

export interface SyncedStoreOptions {
  /** Reuse this sandbox (not closed by close()); otherwise one is started with `sandboxOptions`. */
  sandbox?: SandboxHandle;
  sandboxOptions?: SandboxOptions;
  /** The first sync's request (default: every product). `skipSync: true` opens an empty store. */
  request?: SyncRequest;
  skipSync?: boolean;
  dialect?: 'sqlite' | 'postgres';
  /** Default: a random one starting with "sync" (the PostgreSQL schema is testio_<tenantId>). */
  tenantId?: string;
  /** Reuse this SQLite folder (not removed by close()). */
  dataDir?: string;
}

export interface SyncedStore {
  store: AnalyticsStore;
  sandbox: SandboxHandle;
  source: SyncSource;
  /** The first sync's result (empty with skipSync). */
  result: SyncRunResult;
  sync(request?: SyncRequest): Promise<SyncRunResult>;
  /** Closes the store and what the helper started; drops the PostgreSQL schema. */
  close(): Promise<void>;
}

export async function startSyncedStore(options: SyncedStoreOptions = {}): Promise<SyncedStore> {
  const sandbox = options.sandbox ?? (await startSandbox({ port: 0, ...options.sandboxOptions }));
  const config = loadConfig({ env: {}, cwd: tmpdir() });
  config.baseUrl = sandbox.baseUrl;
  config.token = sandbox.token;
  const http = new TestioHttpClient({ config, logger: createSilentLogger() }, { baseDelayMs: 20, maxDelayMs: 100 });
  const tenantId = options.tenantId ?? `sync${randomBytes(6).toString('hex')}`;
  const source = apiSyncSource(http.forTenant(sandbox.token, tenantId));
  const ownDir = options.dataDir ? undefined : mkdtempSync(path.join(tmpdir(), 'analytics-sync-'));
  const pgUrl = options.dialect === 'postgres' ? databaseUrl() : undefined;
  if (options.dialect === 'postgres' && !pgUrl) throw new Error('dialect postgres needs TEST_DATABASE_URL');
  const store = await openStore({ tenantId, dataDir: options.dataDir ?? ownDir!, databaseUrl: pgUrl });
  const sync = (request: SyncRequest = {}) => syncTenant(store, source, request);
  const result = options.skipSync ? { products: [], errors: [], duration_ms: 0 } : await sync(options.request);
  return {
    store,
    sandbox,
    source,
    result,
    sync,
    close: async () => {
      if (store.dialect === 'postgres') await sql`DROP SCHEMA IF EXISTS ${sql.id(`testio_${tenantId}`)} CASCADE`.execute(store.db);
      await store.close();
      await http.close();
      if (!options.sandbox) await sandbox.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, minus the sync's own clocks and generated keys. */
export async function snapshotRows(store: AnalyticsStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const volatile = new Set(['synced_at', 'bugs_synced_at', 'last_sync_at', 'completed_at', 'last_duration_ms', 'failed_at']);
  for (const table of TABLE_NAMES) {
    if (table === 'sync_failures') continue;
    const rows = (await store.db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>;
    out[table] = rows
      .map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !volatile.has(k) && !(table === 'search_docs' && k === 'id') && k !== 'tsv').map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])))
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return out;
}

/**
 * The rollups (tester_weeks, tester_tests, product_bug_counts) as the store's writes kept them, and
 * rebuilt from the bugs table: equal when every write kept them exact (the rebuild stays in place,
 * as correct as what it replaced).
 */
export async function rollupsKeptAndRebuilt(db: StoreDb): Promise<{ kept: string[]; rebuilt: string[] }> {
  const rows = async () => [
    ...(await db.selectFrom('tester_weeks').selectAll().execute()).map((r) => JSON.stringify({ ...r, product_id: Number(r.product_id) })),
    ...(await db.selectFrom('tester_tests').selectAll().execute()).map((r) => JSON.stringify({ ...r, test_id: Number(r.test_id), product_id: Number(r.product_id), bugs: Number(r.bugs) })),
    ...(await db.selectFrom('product_bug_counts').selectAll().execute()).map((r) => JSON.stringify({ ...r, product_id: Number(r.product_id), bugs: Number(r.bugs) })),
  ].sort();
  const kept = await rows();
  await rebuildTesterWeeks(db);
  await rebuildTesterTests(db);
  await rebuildProductBugCounts(db);
  return { kept, rebuilt: await rows() };
}
