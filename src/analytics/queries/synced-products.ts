/**
 * Which products the store can answer for. A product counts as synced once a pass over its tests
 * finished (sync_state.completed_at, as freshness.ts reads it). A product id never synced is an
 * error naming the parameter and saying to run sync_data, never an empty answer that looks like
 * "no bugs". Every answer carries how fresh its data is.
 */
import type { Kysely } from 'kysely';
import { UserInputError } from '../../platform/errors.js';
import { freshnessLine, type ProductFreshness } from '../freshness.js';
import type { AnalyticsTables } from '../store/tables.js';

type Db = Kysely<AnalyticsTables>;

export interface SyncedProduct {
  id: number;
  name: string;
  type: string | null;
  completed_at: string;
  last_sync_at: string;
  last_error: string | null;
}

async function stateOf(db: Db, ids?: readonly number[]) {
  let query = db
    .selectFrom('sync_state')
    .innerJoin('products', 'products.id', 'sync_state.product_id')
    .select(['products.id', 'products.name', 'products.type', 'sync_state.completed_at', 'sync_state.last_sync_at', 'sync_state.last_error'])
    .orderBy('products.id');
  if (ids && ids.length > 0) query = query.where('products.id', 'in', [...ids]);
  return query.execute();
}

const syncHint = (ids: readonly number[]) =>
  `Run sync_data with product_ids ${JSON.stringify(ids)} first (it copies the products' tests and bugs into the local store), then ask again.`;

/** The synced products among `ids`; throws naming `parameter` for any id not synced. */
export async function requireSynced(db: Db, ids: readonly number[], parameter: string): Promise<SyncedProduct[]> {
  const rows = await stateOf(db, ids);
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !rows.some((p) => p.id === id && p.completed_at !== null));
  if (missing.length > 0) {
    const started = rows.filter((r) => missing.includes(r.id) && r.completed_at === null);
    const which = missing.length === 1 ? `Product ${missing[0]} has` : `Products ${missing.join(', ')} have`;
    const detail = started.length > 0 ? ` (a first sync started but did not finish${started[0]!.last_error ? `: ${started[0]!.last_error.slice(0, 120)}` : ''})` : '';
    throw new UserInputError(parameter, `${which} not been synced into the analytics store yet${detail}.`, syncHint(missing));
  }
  return rows as SyncedProduct[];
}

/** Every synced product, or an error saying to sync first when there is none. */
export async function requireAnySynced(db: Db, parameter: string): Promise<SyncedProduct[]> {
  const rows = (await stateOf(db)).filter((r): r is typeof r & { completed_at: string } => r.completed_at !== null);
  if (rows.length === 0) {
    throw new UserInputError(parameter, 'No product has been synced into the analytics store yet.', 'Run sync_data (optionally with product_ids) first, then ask again.');
  }
  return rows;
}

export interface Freshness {
  /** The oldest finished sync among the products the answer covers. */
  synced_at: string | null;
  age_seconds: number | null;
  /** "Synced 4 min ago." */
  note: string;
}

export function freshnessOf(products: readonly SyncedProduct[], now: Date = new Date()): Freshness {
  const rows: ProductFreshness[] = products.map((p) => ({
    product_id: p.id,
    completed_at: p.completed_at,
    last_sync_at: p.last_sync_at,
    age_seconds: Math.max(0, Math.round((now.getTime() - Date.parse(p.completed_at)) / 1000)),
    last_error: p.last_error,
  }));
  const oldest = [...products].sort((a, b) => a.completed_at.localeCompare(b.completed_at))[0];
  return {
    synced_at: oldest?.completed_at ?? null,
    age_seconds: oldest ? Math.max(...rows.map((r) => r.age_seconds ?? 0)) : null,
    note: freshnessLine(rows),
  };
}
