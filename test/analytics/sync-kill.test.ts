/**
 * Sync is idempotent across a crash: a sync process killed (SIGKILL) half-way, then a sync again,
 * leaves exactly the rows of one clean sync, on SQLite and on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openStore, type AnalyticsStore } from '../../src/analytics/store/open-store.js';
import { snapshotRows, startSyncedStore } from '../helpers/analytics-store.js';
import { useSandbox } from '../helpers/sandbox.js';
import { databaseUrl } from '../helpers/services.js';

const sandbox = useSandbox();

async function bugCount(store: AnalyticsStore): Promise<number> {
  const row = await store.db.selectFrom('bugs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Starts the child sync, waits until it has written some bugs, kills it; resolves with the bugs it left. */
async function killMidSync(store: AnalyticsStore, env: Record<string, string>): Promise<number> {
  // tsx as a loader of this process: through tsx's CLI, the kill would reach the CLI and leave the
  // node process that syncs running on beside the resumed sync.
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/analytics/support/sync-child.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    for (let i = 0; i < 1200; i++) {
      if (output.includes('finished')) throw new Error('the child sync finished before it could be killed');
      if (output.includes('started') && (await bugCount(store)) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  return bugCount(store);
}

async function crashThenResync(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const handle = sandbox();
  const tenantId = `sync${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'analytics-kill-'));
  const pgUrl = dialect === 'postgres' ? databaseUrl()! : '';
  const clean = await startSyncedStore({ sandbox: handle, dialect });
  const crashed = await openStore({ tenantId, dataDir, databaseUrl: pgUrl || undefined });
  try {
    // Slow answers so the kill lands while bugs are being written.
    handle.setLatency(40);
    const left = await killMidSync(crashed, { SYNC_BASE_URL: handle.baseUrl, SYNC_TOKEN: handle.token, SYNC_TENANT: tenantId, SYNC_DATA_DIR: dataDir, SYNC_DATABASE_URL: pgUrl });
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(handle.data.bugs.length);
    handle.setLatency(0);

    const resumed = await startSyncedStore({ sandbox: handle, dialect, tenantId, dataDir, skipSync: true });
    try {
      const result = await resumed.sync();
      expect(result.errors).toEqual([]);
      // The killed run never finished a product's first pass in full: they resume as first syncs.
      expect(result.products.some((p) => p.mode === 'first')).toBe(true);
      expect(await snapshotRows(resumed.store)).toEqual(await snapshotRows(clean.store));
    } finally {
      await resumed.close();
    }
  } finally {
    await crashed.close();
    if (dialect === 'postgres') {
      const cleanup = await openStore({ tenantId, dataDir, databaseUrl: pgUrl });
      await sql`DROP SCHEMA IF EXISTS ${sql.id(`testio_${tenantId}`)} CASCADE`.execute(cleanup.db);
      await cleanup.close();
    }
    await clean.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('a sync killed mid-way, then synced again', () => {
  it('leaves the rows of one clean sync (SQLite)', () => crashThenResync('sqlite'), 180_000);

  (process.env.TEST_DATABASE_URL ? it : it.skip)('leaves the rows of one clean sync (PostgreSQL)', () => crashThenResync('postgres'), 180_000);
});
