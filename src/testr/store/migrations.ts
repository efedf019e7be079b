/**
 * Schema migrations, applied in order in one transaction; PRAGMA user_version records how many
 * ran. Append only: a shipped migration is never edited, so every database reaches the same
 * schema. A migration is SQL, or a function for what SQL alone cannot do (UUIDs from node:crypto).
 * Foreign keys are off while they run (tables may be rebuilt) and checked before the commit.
 */
import type { Database } from 'better-sqlite3';
import { uuidIds } from './migration-uuid-ids.js';

export type Migration = string | ((db: Database) => void);

export const MIGRATIONS: readonly Migration[] = [
  // 1: the milestone 1 schema (whole-number ids).
  `
  CREATE TABLE test_definitions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT    NOT NULL,
    description      TEXT,
    target_url       TEXT    NOT NULL,
    test_type        TEXT    NOT NULL CHECK (test_type IN ('step', 'explorer')),
    explorer_prompt  TEXT,
    max_credit_spend INTEGER,
    is_active        INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
  );

  CREATE TABLE step_definitions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    test_definition_id INTEGER NOT NULL REFERENCES test_definitions(id) ON DELETE CASCADE,
    step_number        INTEGER NOT NULL,
    step_text          TEXT    NOT NULL,
    step_type          TEXT    NOT NULL CHECK (step_type IN ('action', 'verification')),
    UNIQUE (test_definition_id, step_number)
  );

  CREATE TABLE test_runs (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    test_definition_id INTEGER NOT NULL REFERENCES test_definitions(id),
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    -- Copied from the definition at start, so a run reads the same whatever happens later.
    name               TEXT    NOT NULL,
    target_url         TEXT    NOT NULL,
    test_type          TEXT    NOT NULL,
    total_steps        INTEGER NOT NULL,
    credits_reserved   INTEGER NOT NULL,
    credits_used       INTEGER,
    session_id         TEXT    NOT NULL,
    -- Which server process runs it, so a restart only closes runs whose process is gone.
    owner_pid          INTEGER NOT NULL,
    owner_instance     TEXT    NOT NULL,
    gif_path           TEXT,
    failed_step        INTEGER,
    error              TEXT,
    console_errors     TEXT    NOT NULL DEFAULT '[]',
    network_failures   TEXT    NOT NULL DEFAULT '[]',
    created_at         TEXT    NOT NULL,
    started_at         TEXT,
    completed_at       TEXT
  );
  CREATE INDEX test_runs_open ON test_runs (status) WHERE status IN ('pending', 'running');

  CREATE TABLE step_results (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    test_run_id  INTEGER NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
    step_number  INTEGER NOT NULL,
    step_text    TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('passed', 'failed', 'skipped')),
    duration_ms  INTEGER NOT NULL,
    matched      TEXT,
    error        TEXT,
    UNIQUE (test_run_id, step_number)
  );

  -- Every credit movement is a row; the balance is their sum.
  CREATE TABLE credit_ledger (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    amount      INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('opening', 'reserve', 'refund', 'adjustment')),
    test_run_id INTEGER REFERENCES test_runs(id),
    note        TEXT,
    created_at  TEXT    NOT NULL
  );
  CREATE INDEX credit_ledger_run ON credit_ledger (test_run_id);
  `,
  // 2: test definitions and runs get UUID ids; the whole-number ones stay as legacy_id.
  uuidIds,
  // 3: ownership and heartbeat leases (team server, several processes on one data folder): every
  // definition, run and ledger row belongs to a user (existing rows to the local user); a run open
  // in a process carries that process's lease, renewed while it lives (see ./leases.ts).
  `
  ALTER TABLE test_definitions ADD COLUMN owner_user TEXT NOT NULL DEFAULT 'local';
  ALTER TABLE test_runs ADD COLUMN owner_user TEXT NOT NULL DEFAULT 'local';
  ALTER TABLE credit_ledger ADD COLUMN owner_user TEXT NOT NULL DEFAULT 'local';
  -- Epoch milliseconds; 0 (runs of an older version) reads as expired.
  ALTER TABLE test_runs ADD COLUMN lease_expires_at INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX test_definitions_owner ON test_definitions (owner_user);
  CREATE INDEX test_runs_owner ON test_runs (owner_user, status);
  CREATE INDEX credit_ledger_owner ON credit_ledger (owner_user, kind);
  `,
];
