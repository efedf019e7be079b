/** The analytics store opens per tenant, migrates, and indexes search text, on SQLite and PostgreSQL. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openStore, type AnalyticsStore } from '../../src/analytics/store/open-store.js';
import { TABLE_NAMES } from '../../src/analytics/store/tables.js';
import { tenantIdOf } from '../../src/platform/caller.js';
import { databaseUrl, describeWithPostgres } from '../helpers/services.js';

async function exercise(store: AnalyticsStore): Promise<void> {
  for (const table of TABLE_NAMES) {
    const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(0);
  }
  await store.db.insertInto('search_docs').values([
    { kind: 'bug', entity_id: 1, product_id: 7, title: 'Crash on login-page', body: 'The login-page throws' },
    { kind: 'test', entity_id: 2, product_id: 7, title: 'Checkout regression', body: 'payments' },
  ]).execute();
  const matches =
    store.dialect === 'sqlite'
      ? await sql<{ entity_id: number }>`SELECT d.entity_id FROM search_fts f JOIN search_docs d ON d.id = f.rowid WHERE search_fts MATCH ${'"login-page"'}`.execute(store.db)
      : await sql<{ entity_id: number }>`SELECT entity_id FROM search_docs WHERE tsv @@ plainto_tsquery('simple', ${'login-page'})`.execute(store.db);
  expect(matches.rows.map((r) => Number(r.entity_id))).toEqual([1]);
}

describe('analytics store on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'analytics-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps one WAL file per tenant, named by the tenant id and never the token', async () => {
    const token = 'secret-token-123';
    const tenantId = tenantIdOf(token);
    const store = await openStore({ tenantId, dataDir: dir });
    try {
      expect(store.location).toBe(path.join(dir, `${tenantId}.sqlite`));
      expect(store.location).not.toContain(token);
      await exercise(store);
      expect(existsSync(`${store.location}-wal`)).toBe(true);
      expect(await store.sizeBytes()).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    // Reopening migrates nothing twice.
    const again = await openStore({ tenantId, dataDir: dir });
    await again.close();
  });

  it('refuses a tenant id that could escape the data dir', async () => {
    await expect(openStore({ tenantId: '../x', dataDir: dir })).rejects.toThrow(/Invalid tenant id/);
  });
});

describeWithPostgres('analytics store on PostgreSQL', () => {
  const tenantId = randomBytes(8).toString('hex');
  let store: AnalyticsStore;
  beforeAll(async () => {
    store = await openStore({ tenantId, dataDir: '/nonexistent', databaseUrl: databaseUrl()! });
  });
  afterAll(async () => {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(`testio_${tenantId}`)} CASCADE`.execute(store.db);
    await store.close();
  });

  it('migrates a schema per tenant and indexes search text with tsvector', async () => {
    expect(store.location).toBe(`postgres schema testio_${tenantId}`);
    await exercise(store);
  });

  it('gives a second tenant in the same database its own migrated schema', async () => {
    const other = randomBytes(8).toString('hex');
    const second = await openStore({ tenantId: other, dataDir: '/nonexistent', databaseUrl: databaseUrl()! });
    try {
      await exercise(second);
      // Each tenant sees only its own two documents.
      for (const own of [store, second]) {
        const row = await own.db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(row.n)).toBe(2);
      }
    } finally {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(`testio_${other}`)} CASCADE`.execute(second.db);
      await second.close();
    }
  });
});
