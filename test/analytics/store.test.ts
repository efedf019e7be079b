/** The analytics store opens per tenant, migrates (filling a new rollup from the bugs stored before it), and indexes search text, on SQLite and PostgreSQL. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { bugSummary } from '../../src/analytics/queries/bug-counts.js';
import { migrationsFor } from '../../src/analytics/store/migrations.js';
import { openStore, type AnalyticsStore, type OpenStoreOptions } from '../../src/analytics/store/open-store.js';
import { TABLE_NAMES, type AnalyticsTables, type BugsTable } from '../../src/analytics/store/tables.js';
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

/** A store as a server that knew migrations up to `last` left it, with some bugs in it. */
async function storeUpTo(last: string, where: OpenStoreOptions, bugs: BugsTable[]): Promise<void> {
  let db: Kysely<AnalyticsTables>;
  const schema = `testio_${where.tenantId}`;
  if (where.databaseUrl) {
    const pg = (await import('pg')).default;
    const setup = new pg.Client({ connectionString: where.databaseUrl });
    await setup.connect();
    await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await setup.end();
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: where.databaseUrl, max: 1, options: `-c search_path="${schema}"` }) }) });
  } else {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => never;
    db = new Kysely({ dialect: new SqliteDialect({ database: new Database(path.join(where.dataDir, `${where.tenantId}.sqlite`)) }) });
  }
  try {
    const migrator = new Migrator({ db, provider: migrationsFor(where.databaseUrl ? 'postgres' : 'sqlite'), migrationTableSchema: where.databaseUrl ? schema : undefined });
    const { error } = await migrator.migrateTo(last);
    if (error) throw error;
    await db.insertInto('bugs').values(bugs).execute();
  } finally {
    await db.destroy();
  }
}

const bug = (id: number, product_id: number, status: string, severity: string, known: number, reject_reason: string | null): BugsTable => ({
  id, product_id, test_id: 100 + product_id, section_id: null, feature_id: null, feature_title: null, title: `Bug ${id}`, severity,
  bug_type: 'functional', status, known, reject_reason, author: 'ana', language: null, location: null, reported_at: null, exported_at: null,
});
const OLD_BUGS = [
  bug(1, 1, 'rejected', 'critical', 0, 'known_bug'), bug(2, 1, 'rejected', 'critical', 1, 'known_bug'), bug(3, 1, 'rejected', 'critical', 0, null),
  bug(4, 1, 'accepted', 'high', 1, null), bug(5, 2, 'rejected', 'critical', 0, 'intended_behavior'), bug(6, 2, 'auto_accepted', 'low', 0, null),
];

/** A store that had bugs before product_bug_counts existed gets the rollup filled from them on open. */
async function migratesStoredBugs(where: OpenStoreOptions): Promise<void> {
  await storeUpTo('0007_tester_tests', where, OLD_BUGS);
  const store = await openStore(where);
  try {
    const rows = await store.db.selectFrom('product_bug_counts').selectAll().execute();
    // Sorted here: the dialects place NULL reasons differently in ORDER BY.
    const shown = rows.map((r) => JSON.stringify([Number(r.product_id), r.status, r.severity, Number(r.known), r.reject_reason, Number(r.bugs)])).sort();
    expect(shown).toEqual([
      [1, 'accepted', 'high', 1, null, 1],
      [1, 'rejected', 'critical', 0, 'known_bug', 1],
      [1, 'rejected', 'critical', 0, null, 1],
      [1, 'rejected', 'critical', 1, 'known_bug', 1],
      [2, 'auto_accepted', 'low', 0, null, 1],
      [2, 'rejected', 'critical', 0, 'intended_behavior', 1],
    ].map((r) => JSON.stringify(r)).sort());
    const rejected = await bugSummary(store.db, { statuses: ['rejected'], severities: ['critical'] });
    expect([rejected.total, rejected.known]).toEqual([4, 1]);
  } finally {
    if (store.dialect === 'postgres') await sql`DROP SCHEMA IF EXISTS ${sql.id(`testio_${where.tenantId}`)} CASCADE`.execute(store.db);
    await store.close();
  }
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

  it('fills product_bug_counts from the bugs of a store migrated before it', () => migratesStoredBugs({ tenantId: randomBytes(8).toString('hex'), dataDir: dir }));

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

  it('fills product_bug_counts from the bugs of a store migrated before it', () =>
    migratesStoredBugs({ tenantId: randomBytes(8).toString('hex'), dataDir: '/nonexistent', databaseUrl: databaseUrl()! }));

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
