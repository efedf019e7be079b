/** Testr data per user: definitions, runs, recordings, balances and the run limit are each user's own. */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LOCAL_USER } from '../../src/platform/caller.js';
import { recordingPath, recordingsDir } from '../../src/testr/recordings.js';
import type { TestrService } from '../../src/testr/service.js';
import { DATABASE_FILE } from '../../src/testr/store/names.js';
import { TestrStore } from '../../src/testr/store/index.js';
import { MIGRATIONS } from '../../src/testr/store/migrations.js';
import { createFakeEngine, type FakeEngine } from './fake-engine.js';
import { createTestrService, removeDir, SIGNUP_STEPS, tempDataDir, userTestr, type UserTestr } from './helpers.js';

let dir: string;
let service: TestrService;
let engine: FakeEngine;
let ana: UserTestr;
let bo: UserTestr;

beforeEach(() => {
  dir = tempDataDir();
  engine = createFakeEngine();
  service = createTestrService(dir, { config: { testrCredits: 30 }, engine: engine.deps });
  ana = userTestr(service, 'ana');
  bo = userTestr(service, 'bo', 12);
});

afterEach(async () => {
  await service.close();
  removeDir(dir);
});

/** The message a call is refused with. */
const rejection = (call: Promise<unknown>): Promise<string> =>
  call.then(
    () => Promise.reject(new Error('expected the call to be refused')),
    (error: Error) => error.message,
  );

const define = (user: UserTestr, name: string, steps = SIGNUP_STEPS) =>
  user.createDefinition({ name, targetUrl: 'http://127.0.0.1:8080/demo/', testType: 'step', steps }).then((r) => r.testDefinitionId);

describe('Testr data belongs to its user', () => {
  it("reads another user's definition and run as not found, with the same message as a missing one", async () => {
    const defId = await define(ana, 'Ana signs up');
    const { testRunId } = await ana.startRun(defId);
    const missing = randomUUID();
    const missingDefinition = await rejection(bo.getDefinition(missing));
    const missingRun = await rejection(bo.getRunStatus(missing));

    await expect(bo.getDefinition(defId)).rejects.toMatchObject({ message: missingDefinition.replace(missing, defId) });
    await expect(bo.startRun(defId)).rejects.toMatchObject({ message: missingDefinition.replace(missing, defId) });
    await expect(bo.getRunStatus(testRunId)).rejects.toMatchObject({ message: missingRun.replace(missing, testRunId) });
    expect(await bo.listDefinitions({})).toMatchObject({ definitions: [], totalCount: 0 });
    expect(await bo.listDefinitions({ search: 'Ana' })).toMatchObject({ totalCount: 0 });

    expect((await ana.getDefinition(defId)).testDefinition.name).toBe('Ana signs up');
    expect((await ana.getRunStatus(testRunId)).status).toBe('running');
    expect((await ana.listDefinitions({})).totalCount).toBe(1);
  });

  it('keeps balances apart: a key user opens with their own credits, the others with TESTR_CREDITS', async () => {
    expect(await bo.creditBalance()).toBe(12);
    expect(await ana.creditBalance()).toBe(30);
    const { testRunId } = await ana.startRun(await define(ana, 'five'));
    expect(await ana.creditBalance()).toBe(25);
    expect(await bo.creditBalance()).toBe(12);
    expect((await ana.getRunStatus(testRunId)).credits_remaining).toBe(25);
    // Bo cannot afford 13 steps whatever Ana holds.
    const steps = Array.from({ length: 13 }, (_, i) => `navigate to /page-${i}`);
    await expect(bo.startRun(await define(bo, 'thirteen', steps))).rejects.toMatchObject({ message: 'Insufficient credits. Required: 13, Available: 12.' });
    // A second service (another process) gives nobody a second opening balance.
    const again = createTestrService(dir, { config: { testrCredits: 999 } });
    try {
      expect(await userTestr(again, 'bo', 500).creditBalance()).toBe(12);
      expect(await userTestr(again, LOCAL_USER).creditBalance()).toBe(30);
    } finally {
      await again.close();
    }
  });

  it('counts the limit of 5 running runs per user: one user at the limit does not hold up another', async () => {
    const anaDef = await define(ana, 'one step', ['navigate to /']);
    const boDef = await define(bo, 'one step', ['navigate to /']);
    const anaStarts = [];
    for (let i = 0; i < 6; i++) anaStarts.push(await ana.startRun(anaDef));
    expect(anaStarts.map((s) => s.status)).toEqual(['running', 'running', 'running', 'running', 'running', 'pending']);
    expect(await bo.startRun(boDef)).toMatchObject({ status: 'running' });
    expect(await ana.getRunStatus(anaStarts[5].testRunId)).toMatchObject({ status: 'pending', queue_position: 1 });
    await engine.waitForRunning(6);
  });

  it("lists and reads only the user's own recordings", async () => {
    const defId = await define(ana, 'recorded', ['navigate to /']);
    const { testRunId } = await ana.startRun(defId);
    await engine.waitForRunning(1);
    mkdirSync(recordingsDir(dir), { recursive: true });
    writeFileSync(recordingPath(dir, testRunId), Buffer.from('GIF89a'));
    engine.running.get(testRunId)?.release({ gifPath: recordingPath(dir, testRunId) });
    await service.idle();

    expect((await ana.listRecordings()).map((r) => r.runId)).toEqual([testRunId]);
    expect((await ana.readRecording(testRunId)).data.toString()).toBe('GIF89a');
    expect(await bo.listRecordings()).toEqual([]);
    const missing = randomUUID();
    const missingMessage = await rejection(bo.readRecording(missing));
    await expect(bo.readRecording(testRunId)).rejects.toMatchObject({ message: missingMessage.replace(missing, testRunId) });
  });

  it('gives the rows of a database from before users to the local user', async () => {
    // A milestone 1 database: schema version 1, one definition, one finished run, its ledger.
    const old = new Database(path.join(dir, DATABASE_FILE));
    old.exec(MIGRATIONS[0] as string);
    const now = new Date().toISOString();
    old.prepare(`INSERT INTO test_definitions (name, target_url, test_type, created_at, updated_at) VALUES ('old', 'http://127.0.0.1/', 'step', ?, ?)`).run(now, now);
    old.prepare(`INSERT INTO step_definitions (test_definition_id, step_number, step_text, step_type) VALUES (1, 1, 'navigate to /', 'action')`).run();
    old
      .prepare(
        `INSERT INTO test_runs (test_definition_id, status, name, target_url, test_type, total_steps, credits_reserved, credits_used, session_id, owner_pid, owner_instance, created_at)
         VALUES (1, 'completed', 'old', 'http://127.0.0.1/', 'step', 1, 1, 1, 's', 1, 'i', ?)`,
      )
      .run(now);
    old.prepare(`INSERT INTO credit_ledger (amount, kind, note, created_at) VALUES (40, 'opening', 'TESTR_CREDITS', ?)`).run(now);
    old.prepare(`INSERT INTO credit_ledger (amount, kind, test_run_id, created_at) VALUES (-1, 'reserve', 1, ?)`).run(now);
    old.pragma('user_version = 1');
    old.close();

    const store = await TestrStore.open({ dataDir: dir, openingCredits: 7 });
    try {
      const { rows } = await store.definitions.list(LOCAL_USER, { offset: 0, limit: 10 });
      expect(rows.map((row) => [row.name, row.owner_user])).toEqual([['old', LOCAL_USER]]);
      expect((await store.definitions.list('ana', { offset: 0, limit: 10 })).total).toBe(0);
      expect(await store.ledger.balance(LOCAL_USER)).toBe(39);
      expect(await store.ledger.balance('ana')).toBe(0);
    } finally {
      await store.close();
    }
  });
});
