/**
 * How fresh the store's data is, per product, and the one line every store answer carries
 * ("synced 4 min ago"). A product counts as synced once a pass over its tests finished.
 */
import type { AnalyticsStore } from './store/open-store.js';

export interface ProductFreshness {
  product_id: number;
  /** When the last finished pass over the product's tests ended; null: never. */
  completed_at: string | null;
  last_sync_at: string | null;
  /** Seconds since completed_at (null when never). */
  age_seconds: number | null;
  last_error: string | null;
}

export async function productFreshness(store: AnalyticsStore, productIds?: readonly number[], now: Date = new Date()): Promise<ProductFreshness[]> {
  let query = store.db.selectFrom('sync_state').select(['product_id', 'completed_at', 'last_sync_at', 'last_error']);
  if (productIds) {
    if (productIds.length === 0) return [];
    query = query.where('product_id', 'in', [...productIds]);
  }
  const rows = await query.orderBy('product_id').execute();
  const byId = new Map(rows.map((r) => [Number(r.product_id), r]));
  const ids = productIds ? [...new Set(productIds)] : [...byId.keys()];
  return ids.map((id) => {
    const r = byId.get(id);
    const completed = r?.completed_at ?? null;
    return {
      product_id: id,
      completed_at: completed,
      last_sync_at: r?.last_sync_at ?? null,
      age_seconds: completed ? Math.max(0, Math.round((now.getTime() - Date.parse(completed)) / 1000)) : null,
      last_error: r?.last_error ?? null,
    };
  });
}

/** "just now", "4 min ago", "3 h ago", "2 days ago". */
export function ago(seconds: number): string {
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}

/**
 * The freshness line of an answer from the store: the oldest of the products it used.
 * "Synced 4 min ago." / "Synced 4 min ago (oldest of 3 products)." / "Product 25073 is not synced yet: call sync_data."
 */
export function freshnessLine(products: readonly ProductFreshness[]): string {
  if (products.length === 0) return 'Nothing is synced yet: call sync_data.';
  const missing = products.filter((p) => p.age_seconds === null).map((p) => p.product_id);
  if (missing.length > 0) {
    return `${missing.length === 1 ? 'Product' : 'Products'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not synced yet: call sync_data.`;
  }
  const oldest = Math.max(...products.map((p) => p.age_seconds ?? 0));
  return `Synced ${ago(oldest)}${products.length > 1 ? ` (oldest of ${products.length} products)` : ''}.`;
}
