/**
 * The sync's own bookkeeping in the store: one `sync_state` row per product (when the last pass
 * finished, how far back it went, the last error) and `sync_failures`, the pages that kept
 * failing. A failure seen again counts one more attempt on the same row; one fetched later is
 * marked resolved. get_server_diagnostics reports both.
 */
import type { StoreDb } from '../store/upsert.js';
import type { SyncStateTable } from '../store/tables.js';
import type { PageFailure } from './pages.js';

export async function readSyncState(db: StoreDb, productId: number): Promise<SyncStateTable | undefined> {
  const row = await db.selectFrom('sync_state').selectAll().where('product_id', '=', productId).executeTakeFirst();
  return row ? { ...row, product_id: Number(row.product_id) } : undefined;
}

export async function writeSyncState(db: StoreDb, row: SyncStateTable): Promise<void> {
  await db
    .insertInto('sync_state')
    .values(row)
    .onConflict((oc) =>
      oc.column('product_id').doUpdateSet({
        completed_at: row.completed_at,
        last_sync_at: row.last_sync_at,
        last_error: row.last_error,
        covered_since: row.covered_since,
        last_duration_ms: row.last_duration_ms,
      }),
    )
    .execute();
}

export async function recordFailures(db: StoreDb, productId: number, failures: readonly PageFailure[], at: string): Promise<void> {
  for (const failure of failures) {
    const open = await db
      .selectFrom('sync_failures')
      .select(['id', 'attempts'])
      .where('product_id', '=', productId)
      .where('what', '=', failure.what)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (open) {
      await db.updateTable('sync_failures').set({ attempts: Number(open.attempts) + failure.attempts, error: failure.error, failed_at: at }).where('id', '=', open.id).execute();
    } else {
      await db.insertInto('sync_failures').values({ product_id: productId, what: failure.what, error: failure.error, attempts: failure.attempts, failed_at: at, resolved_at: null }).execute();
    }
  }
}

/** Open failures of a product. */
export async function openFailures(db: StoreDb, productId: number): Promise<Array<{ id: number; what: string }>> {
  const rows = await db.selectFrom('sync_failures').select(['id', 'what']).where('product_id', '=', productId).where('resolved_at', 'is', null).execute();
  return rows.map((r) => ({ id: Number(r.id), what: r.what }));
}

export async function resolveFailures(db: StoreDb, ids: readonly number[], at: string): Promise<void> {
  if (ids.length > 0) await db.updateTable('sync_failures').set({ resolved_at: at }).where('id', 'in', [...ids]).execute();
}
