/**
 * Writing API records into one tenant's store. Each function takes the records as the API gave
 * them, replaces what the store held for them (a test's features and platforms, a test's bugs and
 * their devices, their search text) and is idempotent: the same records written twice leave the
 * same rows. Callers wrap each call in a transaction (`inTransaction`), so a process killed
 * mid-sync leaves every test either with its old bugs or with its new ones, never half. Every
 * write of bugs also rebuilds the tester_weeks, tester_tests and product_bug_counts rows it
 * touches, in that same transaction.
 */
import { SqliteAdapter } from 'kysely';
import { immediateTransaction } from '../../platform/sqlite-transaction.js';
import type { Bug, ExploratoryTest, Product } from '../../testio/data/schemas.js';
import type { Feature } from '../sync/schemas.js';
import { bugRows, featureRows, productRow, searchDoc, sectionRows, testRows, userRows, type SearchDocRow } from './rows.js';
import { refreshProductBugCounts } from './product-bug-counts.js';
import { refreshTesterTests } from './tester-tests.js';
import { keysOf, lockBugWrites, refreshTesterWeeks, type TesterWeekKey } from './tester-weeks.js';
import { chunks, deleteWhereIn, upsertRows, type StoreDb } from './write.js';

export type { StoreDb };

/** Runs `work` in one transaction: on SQLite an IMMEDIATE one (two servers of one user may sync the same file). */
export async function inTransaction<T>(db: StoreDb, work: (trx: StoreDb) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return db.transaction().execute((trx) => work(trx));
  return immediateTransaction(db, work);
}

async function upsertSearchDocs(db: StoreDb, docs: readonly SearchDocRow[]): Promise<void> {
  await upsertRows(db, 'search_docs', docs as unknown as Record<string, unknown>[], ['kind', 'entity_id']);
}

async function deleteSearchDocs(db: StoreDb, kind: string, ids: readonly number[]): Promise<void> {
  for (const part of chunks(ids, 1_000)) await db.deleteFrom('search_docs').where('kind', '=', kind).where('entity_id', 'in', part).execute();
}

/** Products with their sections (replaced) and search text. */
export async function upsertProducts(db: StoreDb, products: readonly Product[]): Promise<void> {
  await upsertRows(db, 'products', products.map(productRow) as never, ['id']);
  const ids = products.map((p) => p.id);
  await deleteWhereIn(db, 'sections', 'product_id', ids);
  await upsertRows(db, 'sections', products.flatMap(sectionRows) as never, ['id']);
  await upsertSearchDocs(db, products.map(searchDoc.product));
}

/** A product's features and user stories: the list replaces what was stored for the product. */
export async function replaceFeatures(db: StoreDb, productId: number, features: readonly Feature[]): Promise<void> {
  const rows = featureRows(productId, features);
  const keepIds = rows.features.map((f) => f.id);
  const stored = await db.selectFrom('features').select('id').where('product_id', '=', productId).execute();
  const gone = stored.map((r) => Number(r.id)).filter((id) => !keepIds.includes(id));
  await deleteWhereIn(db, 'features', 'id', gone);
  await deleteSearchDocs(db, 'feature', gone);
  await db.deleteFrom('user_stories').where('product_id', '=', productId).execute();
  await upsertRows(db, 'features', rows.features as never, ['id']);
  await upsertRows(db, 'user_stories', rows.stories as never, ['feature_id', 'position']);
  await upsertSearchDocs(db, features.map((f) => searchDoc.feature(productId, f)));
}

/**
 * Tests of one product: rows updated (their bugs' sync time kept), features and platforms
 * replaced, creators recorded as customers, search text updated.
 */
export async function upsertTests(db: StoreDb, productId: number, tests: readonly ExploratoryTest[], syncedAt: string): Promise<void> {
  if (tests.length === 0) return;
  const rows = tests.map((t) => testRows(productId, t, syncedAt));
  const ids = rows.map((r) => r.test.id);
  await upsertRows(db, 'tests', rows.map((r) => r.test) as never, ['id'], ['bugs_synced_at']);
  await deleteWhereIn(db, 'test_features', 'test_id', ids);
  await deleteWhereIn(db, 'test_platforms', 'test_id', ids);
  await upsertRows(db, 'test_features', rows.flatMap((r) => r.features) as never, ['test_id', 'feature_id']);
  await upsertRows(db, 'test_platforms', rows.flatMap((r) => r.platforms) as never, ['test_id', 'position']);
  await upsertRows(db, 'users', userRows(rows.map((r) => r.test), []) as never, ['kind', 'name']);
  await upsertSearchDocs(db, tests.map((t) => searchDoc.test(productId, t)));
}

/**
 * The complete bug lists of some tests of one product (every test in `byTest` gets exactly the
 * bugs given, an empty list included): bugs no longer listed are removed, the rest upserted with
 * their devices, authors recorded as testers, and the tests marked as having their bugs synced.
 */
export async function replaceBugs(db: StoreDb, productId: number, byTest: ReadonlyMap<number, readonly Bug[]>, syncedAt: string): Promise<void> {
  const testIds = [...byTest.keys()];
  if (testIds.length === 0) return;
  await lockBugWrites(db);
  const rows = [...byTest].flatMap(([testId, bugs]) => bugs.map((bug) => ({ rows: bugRows(productId, testId, bug), bug })));
  const keep = new Set(rows.map((r) => r.rows.bug.id));
  const stored: number[] = [];
  const touched: TesterWeekKey[] = keysOf(rows.map((r) => r.rows.bug));
  // The bugs replaced may have been stored under another product.
  const products = new Set([productId]);
  for (const part of chunks(testIds, 1_000)) {
    const old = await db.selectFrom('bugs').select(['id', 'author', 'product_id', 'reported_at']).where('test_id', 'in', part).execute();
    for (const r of old) {
      stored.push(Number(r.id));
      products.add(Number(r.product_id));
    }
    touched.push(...keysOf(old));
  }
  const gone = stored.filter((id) => !keep.has(id));
  await deleteWhereIn(db, 'bugs', 'id', gone);
  await deleteSearchDocs(db, 'bug', gone);
  await deleteWhereIn(db, 'bug_devices', 'bug_id', stored);
  await upsertRows(db, 'bugs', rows.map((r) => r.rows.bug) as never, ['id']);
  await upsertRows(db, 'bug_devices', rows.flatMap((r) => r.rows.devices) as never, ['bug_id', 'position']);
  await upsertRows(db, 'users', userRows([], rows.map((r) => r.rows.bug)) as never, ['kind', 'name']);
  await upsertSearchDocs(db, rows.map((r) => searchDoc.bug(r.rows.bug, r.bug)));
  await refreshTesterWeeks(db, touched);
  await refreshTesterTests(db, testIds);
  await refreshProductBugCounts(db, products);
  for (const part of chunks(testIds, 1_000)) await db.updateTable('tests').set({ bugs_synced_at: syncedAt }).where('id', 'in', part).execute();
}

/**
 * One bug as the API has it now (after a write): its row, devices, author and search text, leaving
 * the other bugs of its test and the test's bug sync time as they are.
 */
export async function upsertBug(db: StoreDb, productId: number, testId: number, bug: Bug): Promise<void> {
  const rows = bugRows(productId, testId, bug);
  await lockBugWrites(db);
  const old = await db.selectFrom('bugs').select(['author', 'product_id', 'reported_at', 'test_id']).where('id', '=', bug.id).execute();
  await upsertRows(db, 'bugs', [rows.bug] as never, ['id']);
  await deleteWhereIn(db, 'bug_devices', 'bug_id', [bug.id]);
  await upsertRows(db, 'bug_devices', rows.devices as never, ['bug_id', 'position']);
  await upsertRows(db, 'users', userRows([], [rows.bug]) as never, ['kind', 'name']);
  await upsertSearchDocs(db, [searchDoc.bug(rows.bug, bug)]);
  await refreshTesterWeeks(db, [...keysOf(old), ...keysOf([rows.bug])]);
  await refreshTesterTests(db, [testId, ...old.map((r) => Number(r.test_id))]);
  await refreshProductBugCounts(db, [productId, ...old.map((r) => Number(r.product_id))]);
}
