/**
 * A full disk when a run ends: the end cannot be stored, so the run must not stay `running` with
 * its credits held until a restart. The store is wrapped so that closing a run fails with the
 * error SQLite gives on a full disk (SQLITE_FULL) until "space returns".
 */
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { createLogger } from '../../src/platform/logger.js';
import { TestrStore } from '../../src/testr/store/index.js';
import { renderRunStatus } from '../../src/testr/tool-schemas.js';
import { createFakeEngine } from './fake-engine.js';
import { createService, FAST_LEASES, removeDir, SIGNUP_STEPS, tempDataDir, type UserTestr } from './helpers.js';

let dir: string;
let service: UserTestr;
let logs = '';
let diskFull = false;
let failedWrites = 0;

async function fullDiskStore(options: Parameters<typeof TestrStore.open>[0]): Promise<TestrStore> {
  const store = await TestrStore.open(options);
  const finish = store.runs.finish.bind(store.runs);
  store.runs.finish = async (...args) => {
    if (diskFull) {
      failedWrites++;
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    }
    return finish(...args);
  };
  return store;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1_000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`never happened: ${what}`);
}

beforeEach(() => {
  dir = tempDataDir();
  logs = '';
  diskFull = false;
  failedWrites = 0;
});
afterEach(async () => {
  await service.close();
  removeDir(dir);
});

function setUp() {
  const engine = createFakeEngine();
  const stream = new PassThrough().on('data', (chunk: Buffer) => (logs += chunk.toString()));
  service = createService(dir, {
    config: { testrCredits: 20 },
    engine: engine.deps,
    openStore: fullDiskStore,
    settleRetryMs: 5,
    scheduling: FAST_LEASES,
    logger: createLogger({ level: 'DEBUG', format: 'json', secrets: () => [], stream }),
  });
  return engine;
}

describe('a full disk when a run ends', () => {
  it('reports the condition while it lasts and stores the end, with the refund, once space returns', async () => {
    const engine = setUp();
    const { testDefinitionId } = await service.createDefinition({ name: 'Sign-up', targetUrl: 'http://127.0.0.1:9/demo/', testType: 'step', steps: SIGNUP_STEPS });
    const { testRunId } = await service.startRun(testDefinitionId);
    await engine.waitForRunning(1);
    diskFull = true;
    engine.running.get(testRunId)?.release({
      status: 'failed',
      creditsUsed: 2,
      failedStep: 2,
      error: 'No field matched "email"',
      steps: SIGNUP_STEPS.map((text, i) => ({ stepNumber: i + 1, stepText: text, status: i < 1 ? 'passed' : i === 1 ? 'failed' : 'skipped', durationMs: 1 })),
    });
    await until(() => failedWrites >= 3, 'three failed attempts to store the end');

    const waiting = await service.getRunStatus(testRunId);
    expect(waiting).toMatchObject({ status: 'running', credits_remaining: 15 });
    expect(waiting.warning).toMatch(/has ended \(failed\) but its result cannot be stored yet: the disk holding .* is full \(SQLITE_FULL\)/);
    expect(renderRunStatus(waiting)).toMatch(/\*\*Warning:\*\* The run has ended \(failed\)/);
    expect(logs).toMatch(/Cannot store the end of a Testr run; retrying/);
    expect(logs.match(/Cannot store the end of a Testr run/g)).toHaveLength(1); // logged once, not per attempt

    diskFull = false;
    await service.idle();
    const stored = await service.getRunStatus(testRunId);
    expect(stored).toMatchObject({ status: 'failed', credits_used: 2, credits_remaining: 18, failed_step: { step_number: 2 } });
    expect(stored).not.toHaveProperty('warning');
    expect(logs).toMatch(/Stored the end of a Testr run once the database could be written again/);
  });

  it('does not hold up shutdown: the run is closed as interrupted once its lease expires', async () => {
    const engine = setUp();
    const { testDefinitionId } = await service.createDefinition({ name: 'Sign-up', targetUrl: 'http://127.0.0.1:9/demo/', testType: 'step', steps: SIGNUP_STEPS });
    const { testRunId } = await service.startRun(testDefinitionId);
    await engine.waitForRunning(1);
    diskFull = true;
    engine.running.get(testRunId)?.release();
    await until(() => failedWrites >= 1, 'a failed attempt');
    await service.close();
    expect(logs).toMatch(/closed as interrupted once their lease expires/);

    diskFull = false;
    service = createService(dir, { scheduling: FAST_LEASES });
    // The closed server's lease runs out (10 s by default, here 300 ms), then the five steps it stored while running are charged, as for any interrupted run.
    await until(async () => (await service.getRunStatus(testRunId)).status === 'failed', 'the run closed as interrupted');
    expect(await service.getRunStatus(testRunId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/), credits_used: 5, credits_remaining: 15 });
  });
});
