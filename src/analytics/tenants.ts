/**
 * The analytics store per tenant. A tenant (one TestIO token, known by its tenantId) gets its own
 * store, opened on first use: its own SQLite file under TESTIO_DATA_DIR, or its own PostgreSQL
 * schema with DATABASE_URL. Syncs of one tenant run one after the other (a second request waits
 * for the first); the token stays in memory, only for the tenant's syncs. Open stores are bounded:
 * past MAX_OPEN_STORES the least recently used idle one is closed (it reopens on demand).
 */
import type { Caller } from '../platform/caller.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { TestioHttpClient } from '../testio/data/http-client.js';
import type { TestioChange } from '../testio/data/write-events.js';
import { lazyFunction } from '../platform/lazy.js';
import { storeExists } from './store/location.js';
import type { AnalyticsStore } from './store/open-store.js';
import { apiSyncSource, type SyncSource } from './sync/source.js';
import type { SyncRequest, SyncRunResult } from './sync/sync-tenant.js';

// Kysely, the database driver, the store and the sync load with the first call that needs a store.
const openStore = lazyFunction(() => import('./store/open-store.js'), 'openStore');
const refreshWritten = lazyFunction(() => import('./sync/refresh-written.js'), 'refreshWritten');
const syncTenant = lazyFunction(() => import('./sync/sync-tenant.js'), 'syncTenant');

export const MAX_OPEN_STORES = 64;
/** Tenants remembered (with their tokens, for background syncs); past it the least recently used idle one goes. */
export const MAX_TENANTS = 256;

export interface AnalyticsTenantsDeps {
  config: Config;
  logger: Logger;
  testioHttp: TestioHttpClient;
}

export interface ProcessInfo {
  tenants_in_process: number;
  background: { interval_minutes: number; last_run_at: string | null };
}

export class AnalyticsTenant {
  private opening?: Promise<AnalyticsStore>;
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;
  private lastRun?: { finishedAt: string; result?: SyncRunResult; error?: string };

  constructor(
    readonly tenantId: string,
    private readonly open: () => Promise<AnalyticsStore>,
    private readonly source: SyncSource,
    private readonly logger: Logger,
    /** What this process knows beyond this tenant (diagnostics): counts and settings, never another tenant's data. */
    readonly processInfo: () => ProcessInfo = () => ({ tenants_in_process: 1, background: { interval_minutes: 0, last_run_at: null } }),
    /** Whether the tenant has a store on disk / in the database (default: open it when asked). */
    private readonly exists: () => Promise<boolean> = async () => true,
  ) {}

  /** The tenant's store, opened (and migrated) on first use. */
  store(): Promise<AnalyticsStore> {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  /**
   * A TestIO write changed a bug or test: its rows are rewritten from the state read back, when the
   * store covers it. A tenant that never synced gets no store for it (none is created).
   */
  async refreshWritten(change: TestioChange): Promise<boolean> {
    if (!this.isOpen() && !(await this.exists())) return false;
    const refreshed = await refreshWritten((await this.store()).db, change);
    if (refreshed) this.logger.debug('Analytics store refreshed after a write', { tenantId: this.tenantId, kind: change.kind });
    return refreshed;
  }

  /** A sync run; runs of the same tenant never overlap (a second one starts when the first ends). */
  sync(request: SyncRequest = {}): Promise<SyncRunResult> {
    this.running += 1;
    const run = this.queue.then(async () => {
      try {
        const result = await syncTenant(await this.store(), this.source, request);
        this.lastRun = { finishedAt: new Date().toISOString(), result };
        this.logger.info('Analytics sync finished', { tenantId: this.tenantId, products: result.products.length, errors: result.errors.length, durationMs: result.duration_ms });
        return result;
      } catch (error) {
        this.lastRun = { finishedAt: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) };
        throw error;
      } finally {
        this.running -= 1;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A sync is running or waiting. */
  busy(): boolean {
    return this.running > 0;
  }

  /** The last run of this process (undefined before the first). */
  lastSyncRun(): { finishedAt: string; result?: SyncRunResult; error?: string } | undefined {
    return this.lastRun;
  }

  /** Whether the store was opened in this process (diagnostics do not open stores on their own). */
  isOpen(): boolean {
    return this.opening !== undefined;
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    if (!opening) return;
    await this.queue;
    await (await opening.catch(() => undefined))?.close();
  }
}

export class AnalyticsTenants {
  private readonly tenants = new Map<string, AnalyticsTenant>();
  /** Set by the background sync (background.ts). */
  readonly background: { interval_minutes: number; last_run_at: string | null } = { interval_minutes: 0, last_run_at: null };

  constructor(
    private readonly deps: AnalyticsTenantsDeps,
    private readonly maxOpen = MAX_OPEN_STORES,
    private readonly maxTenants = MAX_TENANTS,
  ) {}

  forCaller(caller: Caller): AnalyticsTenant {
    const known = this.tenants.get(caller.tenantId);
    if (known) {
      this.tenants.delete(caller.tenantId);
      this.tenants.set(caller.tenantId, known);
      return known;
    }
    const { config, logger, testioHttp } = this.deps;
    const where = { tenantId: caller.tenantId, dataDir: config.testioDataDir, databaseUrl: config.databaseUrl };
    const tenant = new AnalyticsTenant(
      caller.tenantId,
      () => openStore(where),
      apiSyncSource(testioHttp.forTenant(caller.testioToken, caller.tenantId)),
      logger,
      () => ({ tenants_in_process: this.tenants.size, background: { ...this.background } }),
      () => storeExists(where),
    );
    this.tenants.set(caller.tenantId, tenant);
    this.evict();
    return tenant;
  }

  /** Tenants seen by this process, least recently used first. */
  list(): AnalyticsTenant[] {
    return [...this.tenants.values()];
  }

  async close(): Promise<void> {
    const tenants = this.list();
    this.tenants.clear();
    await Promise.all(tenants.map((t) => t.close().catch(() => undefined)));
  }

  private evict(): void {
    for (const [id, tenant] of this.tenants) {
      if (this.tenants.size <= this.maxTenants) break;
      if (tenant.busy()) continue;
      this.tenants.delete(id);
      void tenant.close();
    }
    const open = this.list().filter((t) => t.isOpen());
    for (const tenant of open.slice(0, Math.max(0, open.length - this.maxOpen))) {
      if (!tenant.busy()) void tenant.close();
    }
  }
}
