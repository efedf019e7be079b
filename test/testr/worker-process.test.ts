/**
 * `testio-mcp worker` (the built dist/, real Chromium against the sandbox demo site) on a real
 * PostgreSQL, with a Testr service in this process as a replica that executes nothing
 * (TESTR_WORKER_CONCURRENCY=0): a run started on the replica is executed by the worker and its
 * recording is served by the replica from the database; `kill -9` of the worker mid-run: the
 * replica closes the run as failed (interrupted) within the lease bound, refunding the steps not
 * run, once; the ledger sums. Needs `npm run build` and Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { HEARTBEAT_MS, LEASE_MS } from '../../src/testr/run-scheduler.js';
import { TestrStore } from '../../src/testr/store/index.js';
import { createDatabase } from '../helpers/postgres-database.js';
import { databaseUrl, describeWithPostgres, killProcess } from '../helpers/services.js';
import { assertBuilt, childEnv, CLI } from '../helpers/stdio.js';
import { createService, removeDir, tempDataDir, type UserTestr } from './helpers.js';
import { until } from '../helpers/until.js';

const TIMEOUT_MS = 180_000;
const RECOVERY_DEADLINE_MS = LEASE_MS + HEARTBEAT_MS + 15_000;

describeWithPostgres('testio-mcp worker on PostgreSQL', () => {
  let sandbox: SandboxHandle;
  let database: { url: string; drop: () => Promise<void> };
  let replica: UserTestr;
  let worker: ChildProcess;
  let workerLog = '';
  const dirs: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    sandbox = await startSandbox({});
    database = await createDatabase(databaseUrl() ?? '', 'worker');
    const replicaDir = tempDataDir();
    const workerDir = tempDataDir();
    dirs.push(replicaDir, workerDir);
    replica = createService(replicaDir, { config: { databaseUrl: database.url, testrCredits: 50, testrWorkerConcurrency: 0 } });
    await replica.creditBalance(); // creates the schema before the worker starts
    worker = spawn(process.execPath, [CLI, 'worker'], {
      env: childEnv({ DATABASE_URL: database.url, TESTR_DATA_DIR: workerDir, TESTR_WORKER_CONCURRENCY: '2', LOG_LEVEL: 'INFO', ...(process.env.CHROMIUM_PATH && { CHROMIUM_PATH: process.env.CHROMIUM_PATH }) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stderr?.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
    await until(async () => (workerLog.includes('testio-mcp worker ready') ? true : undefined), 30_000, `the worker to start: ${workerLog}`);
  }, TIMEOUT_MS);

  afterAll(async () => {
    if (worker) await killProcess(worker);
    await replica?.close();
    await sandbox?.close();
    await database?.drop();
    for (const dir of dirs) removeDir(dir);
  }, TIMEOUT_MS);

  const define = (steps: string[]) =>
    replica.createDefinition({ name: `Worker test of ${steps.length}`, targetUrl: `${sandbox.url}/demo/`, testType: 'step', steps }).then((r) => r.testDefinitionId);

  it('executes a run queued by a replica; the replica serves its recording from the database', async () => {
    const id = await define(['navigate to /demo/', 'verify "Sign Up" is visible']);
    const started = await replica.startRun(id);
    expect(started.status).toBe('pending');
    const done = await until(
      async () => {
        const status = await replica.getRunStatus(started.testRunId);
        return status.completed_at ? status : undefined;
      },
      90_000,
      'the run to finish',
    );
    expect(done).toMatchObject({ status: 'completed', credits_used: 2, credits_remaining: 48 });
    const recording = await replica.readRecording(started.testRunId);
    expect(recording.data.subarray(0, 6).toString('latin1')).toMatch(/^GIF8[79]a$/);
  }, TIMEOUT_MS);

  it('kill -9 of the worker mid-run: the replica closes the run as interrupted within the bound, refunded once', async () => {
    const id = await define(['navigate to /demo/', 'wait 30 seconds', 'verify "Sign Up" is visible']);
    const { testRunId } = await replica.startRun(id);
    await until(
      async () => {
        const status = await replica.getRunStatus(testRunId);
        return status.status === 'running' && status.steps.length >= 1 ? true : undefined;
      },
      60_000,
      'the worker to run the first step',
    );
    await killProcess(worker);
    const killedAt = Date.now();
    const closed = await until(
      async () => {
        const status = await replica.getRunStatus(testRunId);
        return status.completed_at ? status : undefined;
      },
      RECOVERY_DEADLINE_MS,
      'the run to be recovered',
    );
    expect(Date.now() - killedAt).toBeLessThan(RECOVERY_DEADLINE_MS);
    expect(closed).toMatchObject({ status: 'failed', error: 'interrupted: the server stopped before the run finished', credits_used: 1, credits_remaining: 47 });
    const store = await TestrStore.open({ dataDir: dirs[0]!, openingCredits: 0, databaseUrl: database.url });
    try {
      expect((await store.ledger.forRun(testRunId)).map((row) => [row.kind, row.amount])).toEqual([
        ['reserve', -3],
        ['refund', 2],
      ]);
      expect(await store.ledger.balance('local')).toBe(47);
    } finally {
      await store.close();
    }
  }, TIMEOUT_MS);
});
