/**
 * product_bug_counts: each product's bugs counted by status, severity, known and reject reason, so
 * a bug summary over those columns alone ("rejected critical across all products", a product's
 * whole summary) adds up a few dozen rows per product instead of counting thousands of bugs (the
 * large store: 603 rows for 206,000 bugs). Its columns have the names they have in `bugs`, so the
 * same WHERE serves both (queries/bug-counts.ts).
 *
 * Like the tester rollups it is derived data kept exact by recomputing, never by adding deltas:
 * every write of bugs rebuilds the rows of the products it touched from `bugs`, in the transaction
 * that wrote them (after lockBugWrites). A product's rebuild reads the covering index
 * bugs(product_id, status, severity, known, reject_reason) in group order: about 5 ms for 30,000 bugs.
 */
import type { StoreDb } from './write.js';

const GROUP = ['product_id', 'status', 'severity', 'known', 'reject_reason'] as const;

/** Counts the bugs of these products (every product without a list) into product_bug_counts. */
async function insertCounts(db: StoreDb, productIds?: readonly number[]): Promise<void> {
  await db
    .insertInto('product_bug_counts')
    .columns([...GROUP, 'bugs'])
    .expression((eb) => {
      const bugs = productIds ? eb.selectFrom('bugs').where('product_id', 'in', [...productIds]) : eb.selectFrom('bugs');
      return bugs.select((s) => [...GROUP, s.fn.countAll<number>().as('bugs')]).groupBy([...GROUP]) as never;
    })
    .execute();
}

/** Rebuilds the rows of these products from bugs (a product without bugs has none). */
export async function refreshProductBugCounts(db: StoreDb, productIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  await db.deleteFrom('product_bug_counts').where('product_id', 'in', ids).execute();
  await insertCounts(db, ids);
}

/** Fills the table from every stored bug. */
export async function rebuildProductBugCounts(db: StoreDb): Promise<void> {
  await db.deleteFrom('product_bug_counts').execute();
  await insertCounts(db);
}
