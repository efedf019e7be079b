/**
 * Which products the store can answer for. A product id that was never synced is an error naming
 * the parameter and saying to run sync_data, never an empty answer that looks like "no bugs".
 * Every answer also carries when its data was last synced.
 */
import type { Kysely } from 'kysely';
import { UserInputError } from '../../platform/errors.js';
import type { AnalyticsTables } from '../store/tables.js';

type Db = Kysely<AnalyticsTables>;

export interface SyncedProduct {
  id: number;
  name: string;
  type: string | null;
  /** The last sync of this product (finished or not). */
  last_sync_at: string;
  /** Null while the first sync has not finished: counts may be incomplete. */
  completed_at: string | null;
}

export async function syncedProducts(db: Db, ids?: readonly number[]): Promise<SyncedProduct[]> {
  let query = db
    .selectFrom('sync_state')
    .innerJoin('products', 'products.id', 'sync_state.product_id')
    .select(['products.id', 'products.name', 'products.type', 'sync_state.last_sync_at', 'sync_state.completed_at'])
    .orderBy('products.id');
  if (ids && ids.length > 0) query = query.where('products.id', 'in', [...ids]);
  return query.execute();
}

const syncHint = (ids: readonly number[]) => `Run sync_data with product_ids ${JSON.stringify(ids)} first (it copies the product's tests and bugs into the local store), then ask again.`;

/** The synced products among `ids`; throws naming `parameter` for any id never synced. */
export async function requireSynced(db: Db, ids: readonly number[], parameter: string): Promise<SyncedProduct[]> {
  const found = await syncedProducts(db, ids);
  const missing = [...new Set(ids)].filter((id) => !found.some((p) => p.id === id));
  if (missing.length > 0) {
    const which = missing.length === 1 ? `Product ${missing[0]} has` : `Products ${missing.join(', ')} have`;
    throw new UserInputError(parameter, `${which} not been synced into the analytics store yet.`, syncHint(missing));
  }
  return found;
}

/** Every synced product, or an error saying to sync first when there is none. */
export async function requireAnySynced(db: Db, parameter: string): Promise<SyncedProduct[]> {
  const found = await syncedProducts(db);
  if (found.length === 0) {
    throw new UserInputError(parameter, 'No product has been synced into the analytics store yet.', 'Run sync_data (optionally with product_ids) first, then ask again.');
  }
  return found;
}

/** The data's age: the oldest last sync among the products an answer covers. */
export interface Freshness {
  synced_at: string | null;
  /** Products whose first sync has not finished (their counts may be incomplete). */
  incomplete_product_ids: number[];
}

export function freshnessOf(products: readonly SyncedProduct[]): Freshness {
  const times = products.map((p) => p.last_sync_at).sort();
  return { synced_at: times[0] ?? null, incomplete_product_ids: products.filter((p) => p.completed_at === null).map((p) => p.id) };
}

/** "synced 4 min ago" (or "never synced"). */
export function describeFreshness(f: Freshness, now: Date = new Date()): string {
  if (!f.synced_at) return 'never synced';
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(f.synced_at)) / 60_000));
  const age = minutes < 1 ? 'just now' : minutes < 120 ? `${minutes} min ago` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h ago` : `${Math.round(minutes / 1440)} days ago`;
  const partial = f.incomplete_product_ids.length > 0 ? ` (first sync of product ${f.incomplete_product_ids.join(', ')} unfinished: counts may be incomplete)` : '';
  return `synced ${age}${partial}`;
}
