/**
 * The MCP harness against a sandbox whose products are synced into the caller's analytics store
 * (through the area, as sync_data does), for the analytics read tools' tests.
 */
import type { SandboxOptions } from '../../src/sandbox/index.js';
import type { SyncRunResult } from '../../src/analytics/sync/sync-tenant.js';
import { startHarness, type Harness } from '../helpers/harness.js';

export const MAIN_PRODUCT = 25073;

export interface AnalyticsHarness extends Harness {
  synced: SyncRunResult;
  /** Syncs again (e.g. after changing the sandbox data). */
  sync(productIds?: number[]): Promise<SyncRunResult>;
}

export interface AnalyticsHarnessOptions {
  productIds?: number[];
  sandbox?: SandboxOptions;
  env?: Record<string, string>;
  /** Runs before the first sync (e.g. to change the sandbox's live data); may name the products to sync. */
  beforeSync?: (h: Harness) => number[] | void;
}

export async function startAnalyticsHarness(options: AnalyticsHarnessOptions = {}): Promise<AnalyticsHarness> {
  const h = await startHarness({ sandbox: options.sandbox ?? true, env: options.env });
  if (h.app.failures.length > 0) {
    await h.close();
    throw new Error(`plugins failed to load: ${h.app.failures.map((f) => `${f.file}: ${f.reason}`).join('; ')}`);
  }
  const sync = async (productIds = options.productIds) => (await h.context()).analytics.sync({ productIds, force: true });
  const chosen = options.beforeSync?.(h);
  const synced = await sync(chosen ?? options.productIds);
  return Object.assign(h, { synced, sync });
}

/** The structured result of a call that must succeed. */
export async function callOk<T>(h: Harness, name: string, args: Record<string, unknown>): Promise<T> {
  const result = await h.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${h.text(result)}`);
  return result.structuredContent as T;
}
