/**
 * Opens one tenant's analytics store and brings its schema up to date. SQLite (the default): one
 * file per tenant under the data dir, named by the tenant id (a hash, never the token), WAL mode
 * so readers never wait for a sync. PostgreSQL (DATABASE_URL): one schema per tenant in the given
 * database, chosen through the connection's search_path so every statement, raw SQL included, is
 * the same as on SQLite.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { migrationsFor, type StoreDialect } from './migrations.js';
import type { AnalyticsTables } from './tables.js';

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

export interface OpenStoreOptions {
  tenantId: string;
  /** SQLite files go here (TESTIO_DATA_DIR). */
  dataDir: string;
  /** When set, PostgreSQL instead of SQLite. */
  databaseUrl?: string;
}

/** Tenant ids are hex hashes or 'none'; anything else never reaches a file name or schema name. */
function safeTenant(tenantId: string): string {
  if (!/^[a-z0-9]{1,64}$/.test(tenantId)) throw new Error(`Invalid tenant id for the analytics store: ${JSON.stringify(tenantId)}`);
  return tenantId;
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

/** Whether the tenant has a store already (its SQLite file or PostgreSQL schema), without creating one. */
export async function storeExists(options: OpenStoreOptions): Promise<boolean> {
  const tenantId = safeTenant(options.tenantId);
  if (!options.databaseUrl) return existsSync(sqliteFile(tenantId, options.dataDir));
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [postgresSchema(tenantId)]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

const sqliteFile = (tenantId: string, dataDir: string) => path.join(dataDir, `${tenantId}.sqlite`);

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

const postgresSchema = (tenantId: string) => `testio_${tenantId}`;

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
