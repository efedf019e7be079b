/**
 * Opens (and creates) the Testr SQLite database: WAL, foreign keys, a busy timeout so two server
 * processes sharing one data folder wait for each other instead of failing, then migrations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'testr.db';

export interface OpenDatabaseOptions {
  dataDir: string;
  /** Balance written as the opening ledger row when the database is new. */
  openingCredits: number;
}

export function openDatabase(options: OpenDatabaseOptions): Db {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(path.join(options.dataDir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, options.openingCredits);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db, openingCredits: number): void {
  // IMMEDIATE: two processes opening a new database at once must not both migrate it.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let index = version; index < MIGRATIONS.length; index++) db.exec(MIGRATIONS[index]);
    if (version === 0) {
      db.prepare(`INSERT INTO credit_ledger (amount, kind, note, created_at) VALUES (?, 'opening', 'TESTR_CREDITS', ?)`).run(
        openingCredits,
        new Date().toISOString(),
      );
    }
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
