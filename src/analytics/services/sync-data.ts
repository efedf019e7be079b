/**
 * sync_data: parameters in (product ids, a `since` date phrase, force), one sync run of the
 * caller's tenant, a summary out. `since` reads every phrase the other date parameters read; a
 * phrase that cannot be read is an error naming `since`.
 */
import type { ProgressFn } from '../../platform/context.js';
import { resolveDateRange } from '../../testio/dates/index.js';
import type { AnalyticsTenant } from '../tenants.js';
import type { ProductSyncResult } from '../sync/sync-product.js';
import type { ProductSyncError } from '../sync/sync-tenant.js';

export interface SyncDataArgs {
  product_ids?: number[];
  since?: string;
  force?: boolean;
}

export interface SyncDataResult {
  [key: string]: unknown;
  since: { input: string; from: string; resolved: string } | null;
  force: boolean;
  products: ProductSyncResult[];
  errors: ProductSyncError[];
  totals: { products: number; tests_new: number; tests_changed: number; tests_bugs_fetched: number; bugs_written: number; failed_pages: number };
  duration_ms: number;
}

export async function runSyncData(tenant: AnalyticsTenant, args: SyncDataArgs, call: { signal?: AbortSignal; progress?: ProgressFn; now?: Date }): Promise<SyncDataResult> {
  const now = call.now ?? new Date();
  const since = args.since === undefined ? undefined : resolveDateRange(args.since, undefined, now, { start: 'since', end: 'since' });
  const run = await tenant.sync({
    productIds: args.product_ids,
    since: since?.start.toISOString(),
    force: args.force ?? false,
    signal: call.signal,
    progress: (done, total, message) => call.progress?.(done, total, message),
  });
  const sum = (pick: (p: ProductSyncResult) => number) => run.products.reduce((n, p) => n + pick(p), 0);
  return {
    since: since && args.since !== undefined ? { input: args.since, from: since.start.toISOString(), resolved: since.resolved } : null,
    force: args.force ?? false,
    products: run.products,
    errors: run.errors,
    totals: {
      products: run.products.length,
      tests_new: sum((p) => p.tests_new),
      tests_changed: sum((p) => p.tests_changed),
      tests_bugs_fetched: sum((p) => p.tests_bugs_fetched),
      bugs_written: sum((p) => p.bugs_written),
      failed_pages: sum((p) => p.failures.length),
    },
    duration_ms: run.duration_ms,
  };
}
