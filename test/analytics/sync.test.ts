/**
 * The sync against the real sandbox over HTTP: a first sync stores every product, feature, test
 * and bug the API serves (recounted from the sandbox's own data), a second sync changes no row,
 * and an incremental sync fetches only what is new or mutable.
 */
import type { AnalyticsStore } from '../../src/analytics/store/open-store.js';
import { TABLE_NAMES } from '../../src/analytics/store/tables.js';
import { snapshotRows, startSyncedStore, rollupsKeptAndRebuilt, type SyncedStore } from '../helpers/analytics-store.js';
import { describeWithPostgres } from '../helpers/services.js';

async function count(store: AnalyticsStore, table: (typeof TABLE_NAMES)[number]): Promise<number> {
  const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('analytics sync against the sandbox (SQLite)', () => {
  let synced: SyncedStore;
  beforeAll(async () => {
    synced = await startSyncedStore();
  });
  afterAll(() => synced?.close());

  it('stores every product, test and bug the API serves', async () => {
    const { data } = synced.sandbox;
    const { store, result } = synced;
    expect(result.errors).toEqual([]);
    expect(result.products).toHaveLength(data.products.length);
    expect(result.products.every((p) => p.mode === 'first' && p.complete && p.failures.length === 0)).toBe(true);
    expect(await count(store, 'products')).toBe(data.products.length);
    expect(await count(store, 'tests')).toBe(data.tests.length);
    expect(await count(store, 'bugs')).toBe(data.bugs.length);
    expect(await count(store, 'features')).toBe(new Set(data.catalogs.flatMap((c) => c.features.map((f) => f.id))).size);
    const testers = new Set(data.bugs.map((b) => b.author.name));
    const customers = new Set(data.tests.flatMap((t) => [t.created_by, t.submitted_by]).filter((n): n is string => !!n));
    expect(await count(store, 'users')).toBe(testers.size + customers.size);
    // The buckets as the milestone-1 tools count them.
    const bug = data.bugs.find((b) => b.status === 'accepted' && b.auto_accepted)!;
    const row = await store.db.selectFrom('bugs').selectAll().where('id', '=', bug.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'auto_accepted', test_id: bug.test.id, product_id: bug.product.id, author: bug.author.name });
    const rejected = data.bugs.find((b) => b.status === 'rejected')!;
    expect((await store.db.selectFrom('bugs').select('reject_reason').where('id', '=', rejected.id).executeTakeFirstOrThrow()).reject_reason).toBe(rejected.reject_reason);
    const devices = await count(store, 'bug_devices');
    expect(devices).toBe(data.bugs.reduce((n, b) => n + b.devices.length, 0));
    expect(await count(store, 'search_docs')).toBe(data.products.length + (await count(store, 'features')) + data.tests.length + data.bugs.length);
  });

  it('syncing again changes no row and fetches no immutable test again', async () => {
    const before = await snapshotRows(synced.store);
    synced.sandbox.resetStats();
    const again = await synced.sync();
    expect(again.errors).toEqual([]);
    expect(again.products.every((p) => p.mode === 'incremental' && p.tests_new === 0 && p.tests_changed === 0)).toBe(true);
    // Bugs were fetched a moment ago: nothing is stale yet, so no bug list is asked for.
    expect(again.products.reduce((n, p) => n + p.tests_bugs_fetched, 0)).toBe(0);
    expect(synced.sandbox.stats().byRoute).not.toHaveProperty(['GET /bugs']);
    expect(await snapshotRows(synced.store)).toEqual(before);
  });

  it('forced full sync refetches everything and leaves the same rows', async () => {
    const before = await snapshotRows(synced.store);
    const full = await synced.sync({ force: true });
    const rollups = await rollupsKeptAndRebuilt(synced.store.db);
    expect(rollups.kept.length).toBeGreaterThan(0);
    expect(rollups.kept).toEqual(rollups.rebuilt);
    expect(full.products.every((p) => p.mode === 'full')).toBe(true);
    expect(full.products.reduce((n, p) => n + p.bugs_written, 0)).toBe(synced.sandbox.data.bugs.length);
    expect(await snapshotRows(synced.store)).toEqual(before);
  });
});

describeWithPostgres('analytics sync against the sandbox (PostgreSQL)', () => {
  let synced: SyncedStore;
  beforeAll(async () => {
    synced = await startSyncedStore({ dialect: 'postgres', request: { productIds: [25073] } });
  });
  afterAll(() => synced?.close());

  it('stores the product and syncs again to the same rows', async () => {
    const { data } = synced.sandbox;
    expect(synced.result.errors).toEqual([]);
    expect(await count(synced.store, 'tests')).toBe(data.tests.filter((t) => t.product.id === 25073).length);
    expect(await count(synced.store, 'bugs')).toBe(data.bugs.filter((b) => b.product.id === 25073).length);
    const before = await snapshotRows(synced.store);
    await synced.sync({ productIds: [25073] });
    expect(await snapshotRows(synced.store)).toEqual(before);
    await synced.sync({ productIds: [25073], force: true });
    expect(await snapshotRows(synced.store)).toEqual(before);
    const rollups = await rollupsKeptAndRebuilt(synced.store.db);
    expect(rollups.kept.length).toBeGreaterThan(0);
    expect(rollups.kept).toEqual(rollups.rebuilt);
  });
});
