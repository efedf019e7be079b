/**
 * One sync run over a tenant's products: the product list once, then each product (a few at a
 * time), with a progress notification as each one finishes. A product that fails for a reason of
 * its own is recorded in its sync state and reported; errors no product can get past (a bad
 * token, cancellation) end the run.
 */
import pLimit from 'p-limit';
import { errorText, UserInputError } from '../../platform/errors.js';
import type { Product } from '../../testio/data/schemas.js';
import type { AnalyticsStore } from '../store/open-store.js';
import { inTransaction, upsertProducts } from '../store/upsert.js';
import { isFatal } from './pages.js';
import type { SyncSource } from './source.js';
import { syncProduct, type ProductSyncResult, type SyncTuning } from './sync-product.js';
import { readSyncState, writeSyncState } from './sync-state.js';

export interface SyncRequest extends SyncTuning {
  /** Default: every product the token can see. */
  productIds?: readonly number[];
  /** ISO 8601 UTC lower bound of test start dates. */
  since?: string;
  force?: boolean;
  signal?: AbortSignal;
  /** Called as each product finishes: (products done, products in all, a line about it). */
  progress?: (done: number, total: number, message: string) => void | Promise<void>;
  /** Products synced at once. */
  productConcurrency?: number;
}

export interface ProductSyncError {
  product_id: number;
  product_name: string;
  error: string;
}

export interface SyncRunResult {
  products: ProductSyncResult[];
  errors: ProductSyncError[];
  duration_ms: number;
}

export function describeProductSync(r: ProductSyncResult): string {
  const failed = r.failures.length > 0 ? `, ${r.failures.length} failed page${r.failures.length === 1 ? '' : 's'}` : '';
  return `${r.product_name} (${r.product_id}): ${r.mode} sync, ${r.tests_new} new and ${r.tests_changed} changed of ${r.tests_listed} tests listed, bugs of ${r.tests_bugs_fetched} tests fetched (${r.bugs_written} bugs)${failed}`;
}

export async function syncTenant(store: AnalyticsStore, source: SyncSource, request: SyncRequest = {}): Promise<SyncRunResult> {
  const started = performance.now();
  const all = await source.products(request.signal);
  let products: Product[] = all;
  if (request.productIds && request.productIds.length > 0) {
    const byId = new Map(all.map((p) => [p.id, p]));
    const unknown = request.productIds.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      throw new UserInputError('product_ids', `product_ids: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the products this token can access.`, 'Call list_products to see the product IDs.');
    }
    products = [...new Set(request.productIds)].map((id) => byId.get(id)!);
  } else {
    // Every product listed is stored, even one without tests.
    await inTransaction(store.db, (trx) => upsertProducts(trx, all));
  }

  const limit = pLimit(request.productConcurrency ?? 3);
  const results: ProductSyncResult[] = [];
  const errors: ProductSyncError[] = [];
  let done = 0;
  await Promise.all(
    products.map((product) =>
      limit(async () => {
        try {
          const result = await syncProduct(store, source, product, request);
          results.push(result);
          done += 1;
          await request.progress?.(done, products.length, describeProductSync(result));
        } catch (error) {
          if (isFatal(error, request.signal)) throw error;
          const message = errorText(error);
          errors.push({ product_id: product.id, product_name: product.name, error: message });
          const state = await readSyncState(store.db, product.id);
          const now = (request.now?.() ?? new Date()).toISOString();
          await writeSyncState(store.db, {
            product_id: product.id,
            completed_at: state?.completed_at ?? null,
            last_sync_at: now,
            last_error: message,
            covered_since: state?.covered_since ?? null,
            last_duration_ms: null,
          });
          done += 1;
          await request.progress?.(done, products.length, `${product.name} (${product.id}): failed: ${message}`);
        }
      }),
    ),
  );
  const order = new Map(products.map((p, i) => [p.id, i]));
  results.sort((a, b) => order.get(a.product_id)! - order.get(b.product_id)!);
  return { products: results, errors, duration_ms: Math.round(performance.now() - started) };
}
