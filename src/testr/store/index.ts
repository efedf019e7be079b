/**
 * The Testr store. Loaded only through a dynamic import (see ../service.ts), so better-sqlite3 is
 * not loaded until a Testr tool is first called.
 */
import { openDatabase, type Db, type OpenDatabaseOptions } from './database.js';
import { DefinitionRepository } from './definitions.js';
import { LeaseRepository } from './leases.js';
import { Ledger } from './ledger.js';
import { RunRepository } from './runs.js';

export class TestrStore {
  readonly definitions: DefinitionRepository;
  readonly runs: RunRepository;
  readonly ledger: Ledger;
  readonly leases: LeaseRepository;

  constructor(private readonly db: Db) {
    this.definitions = new DefinitionRepository(db);
    this.ledger = new Ledger(db);
    this.runs = new RunRepository(db, this.ledger);
    this.leases = new LeaseRepository(db, this.runs);
  }

  static open(options: OpenDatabaseOptions): TestrStore {
    return new TestrStore(openDatabase(options));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export { INTERRUPTED } from './leases.js';
export type * from './types.js';
