/** A milestone 1 database (whole-number ids) opened by this version: UUIDs, nothing lost, old ids still resolve, a backup kept. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/testr/store/migrations.js';
import { createService, removeDir, tempDataDir, type UserTestr } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const now = '2026-01-02T03:04:05.000Z';

/** Writes a schema-1 database as milestone 1 left it: two definitions, a finished run, its ledger rows. */
function writeVersionOne(dir: string): void {
  const db = new Database(path.join(dir, 'testr.db'));
  db.pragma('journal_mode = WAL');
  db.exec(MIGRATIONS[0] as string);
  db.pragma('user_version = 1');
  const def = db.prepare(`INSERT INTO test_definitions (id, name, target_url, test_type, created_at, updated_at) VALUES (?, ?, 'http://127.0.0.1:9/', 'step', ?, ?)`);
  def.run(3, 'Old sign-up', now, now);
  def.run(7, 'Old search', now, now);
  db.prepare(`INSERT INTO step_definitions (test_definition_id, step_number, step_text, step_type) VALUES (3, 1, 'navigate to /', 'action'), (3, 2, 'verify "Hi" is visible', 'verification')`).run();
  db.prepare(
    `INSERT INTO test_runs (id, test_definition_id, status, name, target_url, test_type, total_steps, credits_reserved, credits_used, session_id,
                            owner_pid, owner_instance, gif_path, created_at, started_at, completed_at)
     VALUES (12, 3, 'completed', 'Old sign-up', 'http://127.0.0.1:9/', 'step', 2, 2, 1, 'testr-old', 1, 'old', ?, ?, ?, ?)`,
  ).run(path.join(dir, 'recordings', 'run-12.gif'), now, now, now);
  db.prepare(`INSERT INTO step_results (test_run_id, step_number, step_text, status, duration_ms) VALUES (12, 1, 'navigate to /', 'passed', 5), (12, 2, 'verify "Hi" is visible', 'failed', 7)`).run();
  db.prepare(`INSERT INTO credit_ledger (amount, kind, test_run_id, note, created_at) VALUES (100, 'opening', NULL, 'TESTR_CREDITS', ?), (-2, 'reserve', 12, 'run 12 started', ?), (1, 'refund', 12, 'run 12 completed', ?)`).run(now, now, now);
  db.close();
}

describe('migrating a database with whole-number ids', () => {
  let dir: string;
  let service: UserTestr;
  beforeAll(() => {
    dir = tempDataDir();
    writeVersionOne(dir);
    service = createService(dir, { config: { testrCredits: 5 } });
  });
  afterAll(async () => {
    await service.close();
    removeDir(dir);
  });

  it('gives every definition and run a UUID and keeps everything, with the old ids still finding their rows', async () => {
    const { definitions, totalCount } = await service.listDefinitions({});
    expect(totalCount).toBe(2);
    for (const d of definitions) expect(d.id).toMatch(UUID);
    const byOldId = await service.getDefinition('3');
    expect(byOldId.testDefinition).toMatchObject({ name: 'Old sign-up', total_steps: 2 });
    expect(byOldId.stepDefinitions.map((s) => s.step_text)).toEqual(['navigate to /', 'verify "Hi" is visible']);
    expect((await service.getDefinition(byOldId.testDefinition.id)).testDefinition.name).toBe('Old sign-up');
    expect((await service.getDefinition('7')).testDefinition.name).toBe('Old search');

    const run = await service.getRunStatus('12');
    expect(run).toMatchObject({ name: 'Old sign-up', status: 'completed', credits_used: 1, completed_steps: 2 });
    expect(run.id).toMatch(UUID);
    expect(run.steps.map((s) => s.status)).toEqual(['passed', 'failed']);
    expect((await service.getRunStatus(run.id)).id).toBe(run.id);
    // The ledger is intact: no second opening balance, the run's rows point at its UUID.
    expect(await service.creditBalance()).toBe(99);
    const db = new Database(path.join(dir, 'testr.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT kind, amount FROM credit_ledger WHERE test_run_id = ? ORDER BY id').all(run.id)).toEqual([
        { kind: 'reserve', amount: -2 },
        { kind: 'refund', amount: 1 },
      ]);
      expect(db.prepare('SELECT legacy_id FROM test_runs WHERE id = ?').get(run.id)).toEqual({ legacy_id: 12 });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('gives new rows UUIDs only, and an unknown old id is not found', async () => {
    const { testDefinitionId } = await service.createDefinition({ name: 'New one', targetUrl: 'http://127.0.0.1:9/', testType: 'step', steps: ['navigate to /'] });
    expect(testDefinitionId).toMatch(UUID);
    expect((await service.listDefinitions({})).definitions[0].name).toBe('New one');
    await expect(service.getDefinition('8')).rejects.toMatchObject({ toolErrorKind: 'not_found' });
    await expect(service.getRunStatus('13')).rejects.toMatchObject({ toolErrorKind: 'not_found' });
  });

  it('kept a copy of the database as it was before the migration, named with its schema version', () => {
    const backup = path.join(dir, 'testr.db.backup-v1');
    expect(existsSync(backup)).toBe(true);
    const db = new Database(backup, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare('SELECT id, name FROM test_definitions ORDER BY id').all()).toEqual([
        { id: 3, name: 'Old sign-up' },
        { id: 7, name: 'Old search' },
      ]);
      expect((db.prepare('SELECT COUNT(*) AS n FROM credit_ledger').get() as { n: number }).n).toBe(3);
    } finally {
      db.close();
    }
    expect(readFileSync(backup).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
