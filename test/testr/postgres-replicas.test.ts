/**
 * Two Testr services on one PostgreSQL schema, as two replicas of the team server would be (real
 * PostgreSQL, TEST_DATABASE_URL; a browser-free engine): a run started on one is visible and its
 * recording readable on the other; concurrent starts across both never overspend; a cancel on one
 * stops a run executing on the other; the limit of 5 running runs per user holds across both.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestrStore } from '../../src/testr/store/index.js';
import { databaseUrl, describeWithPostgres } from '../helpers/services.js';
import { dropSchema, testSchema } from '../helpers/testr-postgres.js';
import { createFakeEngine, type FakeEngine } from './fake-engine.js';
import { createService, FAST_LEASES, removeDir, tempDataDir, type UserTestr } from './helpers.js';
import { until } from '../helpers/until.js';

const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary');

describeWithPostgres('Testr on PostgreSQL: two replicas on one database', () => {
  const url = databaseUrl() ?? '';
  let schema: string;
  let dirs: string[];
  let engines: FakeEngine[];
  let replicas: UserTestr[];

  const replica = (credits: number, workers?: number) => {
    const dir = tempDataDir();
    const engine = createFakeEngine();
    dirs.push(dir);
    engines.push(engine);
    const service = createService(dir, { engine: engine.deps, schema, scheduling: FAST_LEASES, config: { databaseUrl: url, testrCredits: credits, ...(workers !== undefined && { testrWorkerConcurrency: workers }) } });
    // As a serve process does at start: open the database, so its workers take jobs.
    service.service.warmUp();
    replicas.push(service);
    return { service, engine, dir };
  };
  /** The replica whose engine executes the run (the queue gives it to either). */
  const executing = async (runId: string) =>
    until(async () => {
      const index = engines.findIndex((engine) => engine.running.has(runId));
      return index >= 0 ? { engine: engines[index]!, service: replicas[index]!, dir: dirs[index]! } : undefined;
    });
  const define = (service: UserTestr, steps: string[]) =>
    service.createDefinition({ name: `Test of ${steps.length}`, targetUrl: 'http://127.0.0.1:8080/demo/', testType: 'step', steps }).then((r) => r.testDefinitionId);

  beforeEach(() => {
    schema = testSchema('replicas');
    dirs = [];
    engines = [];
    replicas = [];
  });
  afterEach(async () => {
    for (const service of replicas) await service.close();
    for (const dir of dirs) removeDir(dir);
    await dropSchema(url, schema);
  });

  it('a run started on A is visible on B, and its recording is served by B from the database', async () => {
    const a = replica(20);
    const b = replica(20);
    const id = await define(a.service, ['navigate to /', 'click "Sign Up"']);
    const started = await a.service.startRun(id);
    const runner = await executing(started.testRunId);
    expect((await b.service.getRunStatus(started.testRunId)).status).toBe('running');
    const gate = runner.engine.running.get(started.testRunId)!;
    mkdirSync(path.dirname(gate.request.recordingPath), { recursive: true });
    writeFileSync(gate.request.recordingPath, GIF);
    gate.release({ gifPath: gate.request.recordingPath });
    const done = await until(async () => {
      const status = await b.service.getRunStatus(started.testRunId);
      return status.status === 'completed' ? status : undefined;
    });
    expect(done).toMatchObject({ credits_used: 2, credits_remaining: 18 });
    // The executing replica's file is gone once stored; B reads the GIF from the database, through the same user's view.
    rmSync(path.join(runner.dir, 'recordings'), { recursive: true, force: true });
    expect((await b.service.readRecording(started.testRunId)).data.equals(GIF)).toBe(true);
    expect((await b.service.listRecordings()).map((r) => r.runId)).toEqual([started.testRunId]);
    await expect(b.service.service.forUser({ userId: 'ana' }).readRecording(started.testRunId)).rejects.toMatchObject({ message: expect.stringContaining('Test run not found') });
  });

  it('6 concurrent starts on 12 credits across both replicas start exactly the 3 affordable ones', async () => {
    const a = replica(12);
    const b = replica(12);
    const id = await define(a.service, ['navigate to /', 'click "A"', 'click "B"', 'click "C"']);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).service.startRun(id)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(3);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as Error).message).toMatch(/^Insufficient credits\. Required: 4, Available: [0-3]\.$/);
    expect(await a.service.creditBalance()).toBe(0);
    expect(await b.service.creditBalance()).toBe(0);
  });

  it('a cancel on one replica stops a run executing on the other, refunded once', async () => {
    replica(10, 0);
    const b = replica(10);
    // Only B executes: the run is cancelled through A, which does not execute anything.
    const a = { service: replicas[0]! };
    const id = await define(a.service, ['navigate to /', 'click "Sign Up"', 'click "Go"']);
    const { testRunId } = await a.service.startRun(id);
    await until(async () => (b.engine.running.has(testRunId) ? true : undefined));
    const cancelled = await a.service.cancelRun(testRunId);
    expect(cancelled).toMatchObject({ status: 'cancelled', creditsRefunded: 3, creditsRemaining: 10 });
    // B finds its lease gone at its next beat and stops the browser.
    await until(async () => (b.engine.running.size === 0 ? true : undefined));
    await b.service.idle(5_000);
    const store = await TestrStore.open({ dataDir: dirs[0]!, openingCredits: 0, databaseUrl: url, schema });
    try {
      expect((await store.ledger.forRun(testRunId)).map((row) => [row.kind, row.amount])).toEqual([
        ['reserve', -3],
        ['refund', 3],
      ]);
    } finally {
      await store.close();
    }
  });

  it('holds the limit of 5 running runs per user across both replicas', async () => {
    const a = replica(100);
    const b = replica(100);
    const id = await define(a.service, ['navigate to /']);
    for (let i = 0; i < 8; i++) await (i % 2 === 0 ? a : b).service.startRun(id);
    await until(async () => (a.engine.running.size + b.engine.running.size === 5 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 2 * FAST_LEASES.heartbeatMs));
    expect(a.engine.running.size + b.engine.running.size).toBe(5);
    let peak = 0;
    await until(async () => {
      const gates = [...a.engine.running.values(), ...b.engine.running.values()];
      peak = Math.max(peak, gates.length);
      gates.forEach((gate) => gate.release());
      return (await a.service.service.runCounts())?.completed === 8 ? true : undefined;
    });
    expect(peak).toBeLessThanOrEqual(5);
    expect(await a.service.creditBalance()).toBe(92);
  });
});
