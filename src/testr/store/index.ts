/**
 * The Testr store: one interface over SQLite (the default) or PostgreSQL (DATABASE_URL), see
 * ./connection.ts. Loaded only through a dynamic import (see ../service.ts), so better-sqlite3,
 * pg and Kysely are not loaded until a Testr tool is first called.
 */
import { sql } from 'kysely';
import { openTestrDb, type OpenTestrDbOptions, type TestrDb } from './connection.js';
import { DefinitionRepository } from './definitions.js';
import { LeaseRepository } from './leases.js';
import { Ledger } from './ledger.js';
import { RunRepository } from './runs.js';
import type { StoreDialect } from './sql.js';

export class TestrStore {
  readonly definitions: DefinitionRepository;
  readonly runs: RunRepository;
  readonly ledger: Ledger;
  readonly leases: LeaseRepository;

  constructor(readonly db: TestrDb) {
    this.definitions = new DefinitionRepository(db);
    this.ledger = new Ledger(db);
    this.runs = new RunRepository(db, this.ledger);
    this.leases = new LeaseRepository(db, this.runs);
  }

  get dialect(): StoreDialect {
    return this.db.dialect;
  }

  static async open(options: OpenTestrDbOptions): Promise<TestrStore> {
    return new TestrStore(await openTestrDb(options));
  }

  /** Whether the database answers a trivial query (for /readyz). */
  async ping(): Promise<boolean> {
    await sql`SELECT 1`.execute(this.db.db);
    return true;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export { INTERRUPTED } from './leases.js';
export type { OpenTestrDbOptions } from './connection.js';
export type { StoreDialect, Queryable } from './sql.js';
export type * from './types.js';
