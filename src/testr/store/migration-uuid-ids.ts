/**
 * Migration 2: test definition and run ids become UUID strings (the Testr reference's ids). Every
 * table that holds one is rebuilt; each existing row gets a fresh UUID and keeps its whole-number
 * id as legacy_id, so an id a user noted before the upgrade still finds its row. Rows created
 * afterwards have no legacy_id. Runs in migrate()'s transaction with foreign keys off.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

const NEW_TABLES = `
  CREATE TABLE test_definitions_new (
    id               TEXT    PRIMARY KEY,
    legacy_id        INTEGER UNIQUE,
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

  CREATE TABLE step_definitions_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    test_definition_id TEXT    NOT NULL REFERENCES test_definitions(id) ON DELETE CASCADE,
    step_number        INTEGER NOT NULL,
    step_text          TEXT    NOT NULL,
    step_type          TEXT    NOT NULL CHECK (step_type IN ('action', 'verification')),
    UNIQUE (test_definition_id, step_number)
  );

  CREATE TABLE test_runs_new (
    id                 TEXT    PRIMARY KEY,
    legacy_id          INTEGER UNIQUE,
    test_definition_id TEXT    NOT NULL REFERENCES test_definitions(id),
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    name               TEXT    NOT NULL,
    target_url         TEXT    NOT NULL,
    test_type          TEXT    NOT NULL,
    total_steps        INTEGER NOT NULL,
    credits_reserved   INTEGER NOT NULL,
    credits_used       INTEGER,
    session_id         TEXT    NOT NULL,
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

  CREATE TABLE step_results_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    test_run_id  TEXT    NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
    step_number  INTEGER NOT NULL,
    step_text    TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('passed', 'failed', 'skipped')),
    duration_ms  INTEGER NOT NULL,
    matched      TEXT,
    error        TEXT,
    UNIQUE (test_run_id, step_number)
  );

  CREATE TABLE credit_ledger_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    amount      INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('opening', 'reserve', 'refund', 'adjustment')),
    test_run_id TEXT    REFERENCES test_runs(id),
    note        TEXT,
    created_at  TEXT    NOT NULL
  );
`;

const COPY = `
  INSERT INTO test_definitions_new
    SELECT m.uuid, d.id, d.name, d.description, d.target_url, d.test_type, d.explorer_prompt, d.max_credit_spend, d.is_active, d.created_at, d.updated_at
    FROM test_definitions d JOIN temp.uuid_map m ON m.kind = 'definition' AND m.old = d.id ORDER BY d.id;
  INSERT INTO step_definitions_new
    SELECT s.id, m.uuid, s.step_number, s.step_text, s.step_type
    FROM step_definitions s JOIN temp.uuid_map m ON m.kind = 'definition' AND m.old = s.test_definition_id ORDER BY s.id;
  INSERT INTO test_runs_new
    SELECT m.uuid, r.id, md.uuid, r.status, r.name, r.target_url, r.test_type, r.total_steps, r.credits_reserved, r.credits_used, r.session_id,
           r.owner_pid, r.owner_instance, r.gif_path, r.failed_step, r.error, r.console_errors, r.network_failures, r.created_at, r.started_at, r.completed_at
    FROM test_runs r
    JOIN temp.uuid_map m ON m.kind = 'run' AND m.old = r.id
    JOIN temp.uuid_map md ON md.kind = 'definition' AND md.old = r.test_definition_id ORDER BY r.id;
  INSERT INTO step_results_new
    SELECT s.id, m.uuid, s.step_number, s.step_text, s.status, s.duration_ms, s.matched, s.error
    FROM step_results s JOIN temp.uuid_map m ON m.kind = 'run' AND m.old = s.test_run_id ORDER BY s.id;
  INSERT INTO credit_ledger_new
    SELECT l.id, l.amount, l.kind, m.uuid, l.note, l.created_at
    FROM credit_ledger l LEFT JOIN temp.uuid_map m ON m.kind = 'run' AND m.old = l.test_run_id ORDER BY l.id;
`;

const TABLES = ['credit_ledger', 'step_results', 'test_runs', 'step_definitions', 'test_definitions'];

export function uuidIds(db: Database): void {
  const before = Object.fromEntries(TABLES.map((table) => [table, count(db, table)]));
  db.exec(`CREATE TEMP TABLE uuid_map (kind TEXT NOT NULL, old INTEGER NOT NULL, uuid TEXT NOT NULL, PRIMARY KEY (kind, old))`);
  const map = db.prepare('INSERT INTO temp.uuid_map (kind, old, uuid) VALUES (?, ?, ?)');
  for (const [kind, table] of [['definition', 'test_definitions'], ['run', 'test_runs']] as const) {
    for (const { id } of db.prepare(`SELECT id FROM ${table}`).all() as Array<{ id: number }>) map.run(kind, id, randomUUID());
  }
  db.exec(NEW_TABLES);
  db.exec(COPY);
  for (const table of TABLES) {
    if (count(db, `${table}_new`) !== before[table]) throw new Error(`migrating ${table} would lose rows`);
    db.exec(`DROP TABLE ${table}`);
  }
  for (const table of TABLES) db.exec(`ALTER TABLE ${table}_new RENAME TO ${table}`);
  db.exec(`
    CREATE INDEX test_runs_open ON test_runs (status) WHERE status IN ('pending', 'running');
    CREATE INDEX test_runs_definition ON test_runs (test_definition_id);
    CREATE INDEX credit_ledger_run ON credit_ledger (test_run_id);
    DROP TABLE temp.uuid_map;
  `);
}

const count = (db: Database, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
