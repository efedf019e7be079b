/**
 * Opens one tenant's analytics store and brings its schema up to date. SQLite (the default): one
 * file per tenant under the data dir, named by the tenant id (a hash, never the token), WAL mode
 * so readers never wait for a sync. PostgreSQL (DATABASE_URL): one schema per tenant in the given
 * database, chosen through the connection's search_path so every statement, raw SQL included, is
 * the same as on SQLite.
 */
import { mkdirSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { postgresSchema, safeTenant, sqliteFile, type OpenStoreOptions } from './location.js';
import { migrationsFor, type StoreDialect } from './migrations.js';
import type { AnalyticsTables } from './tables.js';

export type { OpenStoreOptions };

export interface AnalyticsStore {
  db: Kysely<AnalyticsTables>;
  dialect: StoreDialect;
  tenantId: string;
  /** The SQLite file, or `postgres schema <name>`. */
  location: string;
  /** Bytes on disk (SQLite file + WAL, or the schema's relations). */
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

export async function openStore(options: OpenStoreOptions): Promise<AnalyticsStore> {
  const tenantId = safeTenant(options.tenantId);
  const store = options.databaseUrl ? await openPostgres(tenantId, options.databaseUrl) : await openSqlite(tenantId, options.dataDir);
  // On PostgreSQL the migrator must look for its own tables in this tenant's schema: it otherwise
  // finds another tenant's kysely_migration_lock, skips creating one here, and fails.
  const migrationTableSchema = store.dialect === 'postgres' ? postgresSchema(tenantId) : undefined;
  const { error } = await new Migrator({ db: store.db, provider: migrationsFor(store.dialect), migrationTableSchema }).migrateToLatest();
  if (error) {
    await store.close();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return store;
}

async function openSqlite(tenantId: string, dataDir: string): Promise<AnalyticsStore> {
  const { default: Database } = await import('better-sqlite3');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = sqliteFile(tenantId, dataDir);
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // Another process (a second MCP client of the same user) may be syncing the same file.
  database.pragma('busy_timeout = 10000');
  const db = new Kysely<AnalyticsTables>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    dialect: 'sqlite',
    tenantId,
    location: file,
    sizeBytes: async () => {
      const row = database.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as { bytes: number };
      return row.bytes;
    },
    close: () => db.destroy(),
  };
}

async function openPostgres(tenantId: string, databaseUrl: string): Promise<AnalyticsStore> {
  const { default: pg } = await import('pg');
  const schema = postgresSchema(tenantId);
  // int8 (ids, counts) as numbers for this pool only: ids stay far below 2^53.
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) };
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  try {
    await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, options: `-c search_path="${schema}"`, types });
  const db = new Kysely<AnalyticsTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    tenantId,
    location: `postgres schema ${schema}`,
    sizeBytes: async () => {
      const { rows } = await pool.query<{ bytes: number | null }>(
        'SELECT sum(pg_total_relation_size(c.oid))::int8 AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = $2',
        [schema, 'r'],
      );
      return rows[0]?.bytes ?? 0;
    },
    close: () => db.destroy(),
  };
}
