/**
 * Opens (and creates) the Testr SQLite database: WAL, foreign keys, a busy timeout so two server
 * processes sharing one data folder wait for each other instead of failing, then migrations.
 *
 * An existing file is never taken for a new database: a new one is built under a temporary name
 * and linked into place only if nothing is there yet, so an empty or unreadable testr.db is
 * reported as damage (see ./damage.ts) and left as it is. Before a migration changes an existing
 * database, a copy of it is kept as testr.db.backup-v<version>.
 */
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DamagedDatabaseError, isDamage } from './damage.js';
import { MIGRATIONS } from './migrations.js';
import { DATABASE_FILE } from './names.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  dataDir: string;
  /** Balance written as the opening ledger row when the database is new. */
  openingCredits: number;
}

/** The copy kept before migrating a database that is at schema `version`. */
export const backupFile = (file: string, version: number) => `${file}.backup-v${version}`;

export function openDatabase(options: OpenDatabaseOptions): Db {
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DATABASE_FILE);
  if (!existsSync(file)) createDatabase(file, options.openingCredits);
  if (statSync(file).size === 0) throw new DamagedDatabaseError(file, 'the file is empty (0 bytes)');
  const db = new Database(file, { fileMustExist: true });
  try {
    configure(db);
    const version = currentVersion(db, file);
    if (version < MIGRATIONS.length) {
      backUp(db, file, version);
      migrate(db, options.openingCredits);
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw isDamage(error) ? new DamagedDatabaseError(file, (error as Error).message) : error;
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

/** Reads the schema version, and sqlite_master, so a file that is not a database fails here. */
function currentVersion(db: Db, file: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  if (version > MIGRATIONS.length) {
    throw new Error(`${file} has schema version ${version}, newer than this server knows (${MIGRATIONS.length}); upgrade testio-mcp`);
  }
  return version;
}

/** Builds a complete new database beside the target and links it into place unless one appeared meanwhile. */
function createDatabase(file: string, openingCredits: number): void {
  const temporary = `${file}.new-${process.pid}-${Date.now()}`;
  const db = new Database(temporary);
  try {
    configure(db);
    migrate(db, openingCredits);
  } finally {
    db.close(); // the last connection checkpoints the WAL into the file
  }
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      if (existsSync(file)) throw error;
      renameSync(temporary, file); // a file system without hard links
      return;
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temporary}${suffix}`, { force: true });
  }
}

/** A consistent copy (VACUUM INTO) written under a temporary name, then moved into place. */
function backUp(db: Db, file: string, version: number): void {
  if (version === 0) return; // nothing in it yet
  const target = backupFile(file, version);
  const temporary = `${target}.tmp-${process.pid}`;
  rmSync(temporary, { force: true });
  db.prepare('VACUUM INTO ?').run(temporary);
  renameSync(temporary, target);
}

function migrate(db: Db, openingCredits: number): void {
  // Foreign keys stay off while tables are rebuilt; foreign_key_check below keeps them honest.
  db.pragma('foreign_keys = OFF');
  // IMMEDIATE: two processes opening one database at once must not both migrate it.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let index = version; index < MIGRATIONS.length; index++) {
      const migration = MIGRATIONS[index];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`migration left ${broken.length} rows with a missing parent`);
    if (version === 0) {
      db.prepare(`INSERT INTO credit_ledger (amount, kind, note, created_at) VALUES (?, 'opening', 'TESTR_CREDITS', ?)`).run(
        openingCredits,
        new Date().toISOString(),
      );
    }
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
