/**
 * The Testr database behind one interface, in two dialects. SQLite (the default): the file under
 * TESTR_DATA_DIR opened by ./database.ts (damage refusal, backups, migrations, WAL), on Kysely's
 * single connection; a write transaction is BEGIN IMMEDIATE, so it holds the write lock from its
 * first read across every process on the file. PostgreSQL (DATABASE_URL): a pool whose
 * search_path is the Testr schema (`testr` unless told otherwise), so the same SQL text runs in
 * both; a write transaction is READ COMMITTED with explicit locks where it needs them (a user's
 * credits, a run's row, the claim of a run; see ./sql.ts).
 */
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { immediateTransaction } from '../../platform/sqlite-transaction.js';
import { openDatabase, type OpenDatabaseOptions } from './database.js';
import { migratePostgres } from './postgres-migrations.js';
import { DEFAULT_SCHEMA } from './names.js';
import type { Queryable, StoreDialect } from './sql.js';

export interface TestrDb {
  readonly dialect: StoreDialect;
  /** For reads outside a transaction. */
  readonly db: Queryable;
  /** Runs `work` in one write transaction; committed when it resolves, rolled back when it throws. */
  write<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenTestrDbOptions extends OpenDatabaseOptions {
  /** PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** The PostgreSQL schema (default `testr`). */
  schema?: string;
}

export async function openTestrDb(options: OpenTestrDbOptions): Promise<TestrDb> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.schema ?? DEFAULT_SCHEMA, options.openingCredits) : openSqlite(options);
}

/**
 * Write transactions in this process, per SQLite file. A transaction spans several turns of the
 * event loop, and better-sqlite3 waits for a lock synchronously: a second connection to the same
 * file in this process (a test, the `call` command) beginning while the first is open would block
 * the loop the first needs to commit. So writers in one process take turns here; across processes
 * SQLite's own lock (busy_timeout) does.
 */
const writeTurns = new Map<string, Promise<unknown>>();

function inTurn<T>(file: string, work: () => Promise<T>): Promise<T> {
  const previous = writeTurns.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  const settled = next.catch(() => undefined);
  writeTurns.set(file, settled);
  void settled.then(() => {
    if (writeTurns.get(file) === settled) writeTurns.delete(file);
  });
  return next;
}

function openSqlite(options: OpenDatabaseOptions): TestrDb {
  const database = openDatabase(options);
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) }) as Queryable;
  return {
    dialect: 'sqlite',
    db,
    write: (work) => inTurn(database.name, () => immediateTransaction(db, work)),
    close: async () => {
      if (database.open) await db.destroy();
    },
  };
}

const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPostgres(databaseUrl: string, schema: string, openingCredits: number): Promise<TestrDb> {
  if (!SAFE_SCHEMA.test(schema)) throw new Error(`Invalid PostgreSQL schema name for the Testr store: ${JSON.stringify(schema)}`);
  const { default: pg } = await import('pg');
  // int8 (counts, sums, epoch milliseconds) as numbers for this pool only: they stay far below 2^53.
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) };
  await migratePostgres(databaseUrl, schema, openingCredits);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: `-c search_path="${schema}"`, types });
  // An idle client that loses its server (a restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) }) as Queryable;
  let closed = false;
  return {
    dialect: 'postgres',
    db,
    write: (work) => db.transaction().execute((tx) => work(tx)),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
