/**
 * A TestIO write changed a bug or a test (TESTIO_CHANGED, with the state read back from the API):
 * the store's copy is refreshed at once, so list_bugs and the reports see the change before the
 * next sync. Only what the store already covers: a bug whose test is stored, a test of a product
 * that was synced (or is itself stored). Anything else is left to the next sync.
 */
import type { TestioChange } from '../../testio/data/write-events.js';
import { inTransaction, upsertBug, upsertTests, type StoreDb } from '../store/upsert.js';
import { readSyncState } from './sync-state.js';

/** Whether the store took the change (false: not covered by it, nothing written). */
export async function refreshWritten(db: StoreDb, change: TestioChange, now = new Date()): Promise<boolean> {
  if (change.kind === 'bug') {
    const { bug } = change;
    const testId = bug.test?.id;
    if (testId == null) return false;
    const test = await db.selectFrom('tests').select('product_id').where('id', '=', testId).executeTakeFirst();
    if (!test) return false;
    await inTransaction(db, (trx) => upsertBug(trx, Number(test.product_id), testId, bug));
    return true;
  }
  const { test } = change;
  const stored = await db.selectFrom('tests').select('product_id').where('id', '=', test.id).executeTakeFirst();
  const productId = stored ? Number(stored.product_id) : test.product?.id;
  if (productId == null) return false;
  if (!stored && !(await readSyncState(db, productId))) return false;
  await inTransaction(db, (trx) => upsertTests(trx, productId, [test], now.toISOString()));
  return true;
}
