/**
 * The sync against the real sandbox over HTTP: a first sync stores every product, feature, test
 * and bug the API serves (recounted from the sandbox's own data), a second sync changes no row,
 * an incremental sync fetches only what is new or mutable, and every sync keeps the rollups equal
 * to a rebuild from bugs.
 */
import type { AnalyticsStore } from '../../src/analytics/store/open-store.js';
import { isImmutableStatus } from '../../src/analytics/store/rows.js';
import { TABLE_NAMES } from '../../src/analytics/store/tables.js';
import { snapshotRows, startSyncedStore, rollupsKeptAndRebuilt, type SyncedStore } from '../helpers/analytics-store.js';
import { describeWithPostgres } from '../helpers/services.js';

async function count(store: AnalyticsStore, table: (typeof TABLE_NAMES)[number]): Promise<number> {
  const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Two forwarded bugs of mutable tests accepted and one marked known through the sandbox's API; an
 * incremental sync (mutable tests' bugs stale at once) rewrites them, product_bug_counts says per
 * product and status what the API says, and every rollup equals a rebuild from bugs.
 */
async function changeInApiThenSync(synced: SyncedStore, productId?: number): Promise<void> {
  const { sandbox, store } = synced;
  const testStatus = new Map(sandbox.data.tests.map((t) => [t.id, t.status]));
  const mine = (b: { product: { id: number } }) => productId === undefined || b.product.id === productId;
  const open = sandbox.data.bugs.filter((b) => mine(b) && b.status === 'forwarded' && !isImmutableStatus(testStatus.get(b.test.id)!)).slice(0, 3);
  expect(open).toHaveLength(3);
  for (const [i, bug] of open.entries()) {
    const answer = await fetch(`${sandbox.baseUrl}/bugs/${bug.id}/${i < 2 ? 'accept' : 'mark_as_known'}`, { method: 'PUT', headers: { Authorization: `Token ${sandbox.token}` } });
    expect(answer.ok).toBe(true);
  }
  const again = await synced.sync({ staleAfterMs: 0, ...(productId === undefined ? {} : { productIds: [productId] }) });
  expect(again.errors).toEqual([]);
  expect(again.products.every((p) => p.mode === 'incremental')).toBe(true);
  expect(again.products.reduce((n, p) => n + p.tests_bugs_fetched, 0)).toBeGreaterThan(0);
  const stored = await store.db.selectFrom('bugs').select(['id', 'status', 'known']).where('id', 'in', open.map((b) => b.id)).orderBy('id').execute();
  expect(stored.map((r) => [r.status, Number(r.known)])).toEqual(open.map((b, i) => [i < 2 ? 'accepted' : 'forwarded', i < 2 ? Number(b.known) : 1]));
  const kept = await store.db.selectFrom('product_bug_counts').select((eb) => ['product_id', 'status', eb.fn.sum<number>('bugs').as('n')]).groupBy(['product_id', 'status']).execute();
  const api = new Map<string, number>();
  for (const b of sandbox.data.bugs.filter(mine)) {
    const key = `${b.product.id} ${b.status === 'accepted' && b.auto_accepted ? 'auto_accepted' : b.status}`;
    api.set(key, (api.get(key) ?? 0) + 1);
  }
  expect(new Map(kept.map((r) => [`${Number(r.product_id)} ${r.status}`, Number(r.n)]))).toEqual(api);
  const rollups = await rollupsKeptAndRebuilt(store.db);
  expect(rollups.kept).toEqual(rollups.rebuilt);
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
    const rollups = await rollupsKeptAndRebuilt(store.db);
    expect(rollups.kept.length).toBeGreaterThan(0);
    expect(rollups.kept).toEqual(rollups.rebuilt);
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

  it('an incremental sync rewrites the bugs changed in the API and keeps the rollups exact', () => changeInApiThenSync(synced));

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
    const first = await rollupsKeptAndRebuilt(synced.store.db);
    expect(first.kept.length).toBeGreaterThan(0);
    expect(first.kept).toEqual(first.rebuilt);
    const before = await snapshotRows(synced.store);
    await synced.sync({ productIds: [25073] });
    expect(await snapshotRows(synced.store)).toEqual(before);
    await synced.sync({ productIds: [25073], force: true });
    expect(await snapshotRows(synced.store)).toEqual(before);
    const rollups = await rollupsKeptAndRebuilt(synced.store.db);
    expect(rollups.kept.length).toBeGreaterThan(0);
    expect(rollups.kept).toEqual(rollups.rebuilt);
  });

  it('an incremental sync rewrites the bugs changed in the API and keeps the rollups exact', () => changeInApiThenSync(synced, 25073));
});
