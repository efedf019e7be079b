/** Runs, credits and the queue, with a browser-free engine. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TestrStore } from '../../src/testr/store/index.js';
import type { UserTestr } from './helpers.js';
import { renderRunStatus } from '../../src/testr/tool-schemas.js';
import { ROOT } from '../helpers/stdio.js';
import { createFakeEngine, type FakeEngine } from './fake-engine.js';
import { LOCAL_USER } from '../../src/platform/caller.js';
import { createService, FAST_LEASES, removeDir, SIGNUP_STEPS, tempDataDir } from './helpers.js';
import { until } from '../helpers/until.js';

/** Polls `check` until it returns a value. */

let dir: string;
let service: UserTestr;
let engine: FakeEngine;

function setUp(credits = 100, auto = false, scheduling?: typeof FAST_LEASES) {
  dir = tempDataDir();
  engine = createFakeEngine({ auto });
  service = createService(dir, { config: { testrCredits: credits }, engine: engine.deps, ...(scheduling && { scheduling }) });
}

afterEach(async () => {
  await service.close();
  removeDir(dir);
});

const stepTest = (steps: string[] = SIGNUP_STEPS) =>
  service.createDefinition({ name: `Test of ${steps.length}`, targetUrl: 'http://127.0.0.1:8080/demo/', testType: 'step', steps }).then((r) => r.testDefinitionId);

/** Ledger rows of one run, read through a second connection (as another process would). */
async function ledgerOf(runId: string) {
  const store = await TestrStore.open({ dataDir: dir, openingCredits: 0 });
  try {
    return (await store.ledger.forRun(runId)).map((row) => [row.kind, row.amount]);
  } finally {
    await store.close();
  }
}

describe('start-test-run', () => {
  it('reserves the cost, runs in the background and refunds nothing for a full run', async () => {
    setUp(100);
    const id = await stepTest();
    const started = await service.startRun(id);
    await engine.waitForRunning(1);
    expect(started).toMatchObject({ status: 'running', name: 'Test of 5', targetUrl: 'http://127.0.0.1:8080/demo/', testType: 'step', totalSteps: 5 });
    expect(started.message).toMatch(/get-test-run-status/);
    expect(await service.creditBalance()).toBe(95);
    const running = await service.getRunStatus(started.testRunId);
    expect(running).toMatchObject({ status: 'running', completed_steps: 0, credits_used: 0, completed_at: null, credits_remaining: 95 });
    expect(running.session_id).toMatch(/^testr-/);
    engine.running.get(started.testRunId)?.release();
    await service.idle();
    const done = await service.getRunStatus(started.testRunId);
    expect(done).toMatchObject({ status: 'completed', total_steps: 5, completed_steps: 5, credits_used: 5, credits_remaining: 95, gif_url: null });
    expect(done.steps.map((s) => s.step_text)).toEqual(SIGNUP_STEPS);
    expect(done.completed_at).not.toBeNull();
    expect(await ledgerOf(started.testRunId)).toEqual([['reserve', -5]]);
  });

  it('fails the run at the failing step and refunds the skipped ones', async () => {
    setUp(20);
    const id = await stepTest();
    const { testRunId } = await service.startRun(id);
    await engine.waitForRunning(1);
    engine.running.get(testRunId)?.release({
      status: 'failed',
      steps: [
        { stepNumber: 1, stepText: SIGNUP_STEPS[0], status: 'passed', durationMs: 10, matched: 'button "Sign Up" (role)' },
        { stepNumber: 2, stepText: SIGNUP_STEPS[1], status: 'failed', durationMs: 20, error: 'No field matched "email"' },
        ...SIGNUP_STEPS.slice(2).map((text, i) => ({ stepNumber: i + 3, stepText: text, status: 'skipped' as const, durationMs: 0 })),
      ],
      creditsUsed: 2,
      failedStep: 2,
      error: 'No field matched "email"',
      consoleErrors: ['Uncaught TypeError: x is undefined'],
      networkFailures: ['GET http://127.0.0.1:8080/api → 500'],
    });
    await service.idle();
    const status = await service.getRunStatus(testRunId);
    expect(status).toMatchObject({
      status: 'failed',
      completed_steps: 2,
      credits_used: 2,
      credits_remaining: 18,
      failed_step: { step_number: 2, step_text: SIGNUP_STEPS[1], error: 'No field matched "email"' },
      console_errors: ['Uncaught TypeError: x is undefined'],
      network_failures: ['GET http://127.0.0.1:8080/api → 500'],
    });
    expect(status.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped', 'skipped', 'skipped']);
    expect(status.steps[0].matched).toBe('button "Sign Up" (role)');
    expect(await ledgerOf(testRunId)).toEqual([
      ['reserve', -5],
      ['refund', 3],
    ]);
  });

  it('closes a run whose engine throws as failed, with a full refund', async () => {
    setUp(10);
    const broken = createFakeEngine();
    await service.close();
    service = createService(dir, {
      config: { testrCredits: 10 },
      engine: { ...broken.deps, load: async () => Promise.reject(new Error('Chromium was not found. Install it with apt-get install chromium')) },
    });
    const { testRunId } = await service.startRun(await stepTest());
    await service.idle();
    expect(await service.getRunStatus(testRunId)).toMatchObject({ status: 'failed', credits_used: 0, credits_remaining: 10, error: expect.stringContaining('Chromium was not found') });
  });

  it('refuses unknown, inactive and unaffordable definitions', async () => {
    setUp(4);
    await expect(service.startRun('123e4567-e89b-12d3-a456-426614174000')).rejects.toMatchObject({
      toolErrorKind: 'not_found',
      message: expect.stringContaining('Test definition not found'),
      hint: expect.stringContaining('list-test-definitions'),
    });
    const id = await stepTest();
    await expect(service.startRun(id)).rejects.toMatchObject({ message: 'Insufficient credits. Required: 5, Available: 4.' });
    const store = await TestrStore.open({ dataDir: dir, openingCredits: 0 });
    await store.definitions.setActive(id, false);
    await store.close();
    await expect(service.startRun(id)).rejects.toMatchObject({ message: expect.stringContaining('inactive') });
    expect(await service.creditBalance()).toBe(4);
  });

  it('charges an explorer run for the actions it took, out of its budget', async () => {
    setUp(30);
    const { testDefinitionId } = await service.createDefinition({
      name: 'Explore',
      targetUrl: 'http://127.0.0.1:8080/demo/',
      testType: 'explorer',
      explorerPrompt: 'Subscribe with ana@example.com',
      maxCreditSpend: 25,
    });
    const started = await service.startRun(testDefinitionId);
    expect(started).toMatchObject({ testType: 'explorer', totalSteps: 25 });
    await engine.waitForRunning(1);
    expect(engine.running.get(started.testRunId)?.request.mode).toEqual({ type: 'explorer', prompt: 'Subscribe with ana@example.com', maxActions: 25 });
    expect(await service.creditBalance()).toBe(5);
    engine.running.get(started.testRunId)?.release({ creditsUsed: 3, goalReached: true, steps: [1, 2, 3].map((n) => ({ stepNumber: n, stepText: `action ${n}`, status: 'passed' as const, durationMs: 5 })) });
    await service.idle();
    expect(await service.getRunStatus(started.testRunId)).toMatchObject({ status: 'completed', total_steps: 3, credits_used: 3, credits_remaining: 27 });
  });
});

describe('credits under concurrency', () => {
  it('lets exactly one of three concurrent 5-credit starts through a balance of 7', async () => {
    setUp(7);
    const id = await stepTest();
    const results = await Promise.allSettled([service.startRun(id), service.startRun(id), service.startRun(id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as Error).message)).toEqual(['Insufficient credits. Required: 5, Available: 2.', 'Insufficient credits. Required: 5, Available: 2.']);
    expect(await service.creditBalance()).toBe(2);
  });

  it('never overspends when two services share one database', async () => {
    setUp(12);
    const id = await stepTest();
    const other = createService(dir, { engine: createFakeEngine().deps });
    try {
      const results = await Promise.allSettled([service.startRun(id), other.startRun(id), service.startRun(id), other.startRun(id)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      expect(await service.creditBalance()).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('never overspends when four processes reserve at once', async () => {
    setUp(100);
    const id = await stepTest(['navigate to /']);
    const worker = path.join(ROOT, 'test/testr/fixtures/reserve-many.ts');
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => promisify(execFile)(process.execPath, ['--import', 'tsx', worker, dir, id, '50'], { cwd: ROOT, timeout: 60_000 })),
    );
    expect(outputs.reduce((sum, { stdout }) => sum + Number(stdout), 0)).toBe(100);
    expect(await service.creditBalance()).toBe(0);
  }, 90_000);
});

describe('the run queue', () => {
  it('runs at most 5 at once; the rest wait as pending and complete later', async () => {
    setUp(100);
    const id = await stepTest(['navigate to /']);
    const starts = [];
    for (let i = 0; i < 7; i++) starts.push(await service.startRun(id));
    expect(starts.map((s) => s.status)).toEqual(['running', 'running', 'running', 'running', 'running', 'pending', 'pending']);
    expect(starts[6].message).toMatch(/queue/);
    await engine.waitForRunning(5);
    expect(await service.getRunStatus(starts[5].testRunId)).toMatchObject({ status: 'pending', queue_position: 1, started_at: null });
    expect(await service.getRunStatus(starts[6].testRunId)).toMatchObject({ status: 'pending', queue_position: 2 });
    expect(renderRunStatus(await service.getRunStatus(starts[6].testRunId))).toContain('- **Queue:** 1 queued run ahead of it (at most 5 runs execute at once)');
    expect(await service.getRunStatus(starts[0].testRunId)).not.toHaveProperty('queue_position');

    // Release runs one at a time: each frees a slot for the next pending run, first in first out.
    engine.running.get(starts[0].testRunId)?.release();
    await engine.waitForRunning(5);
    expect([...engine.running.keys()]).toContain(starts[5].testRunId);
    expect(await service.getRunStatus(starts[5].testRunId)).not.toHaveProperty('queue_position');
    expect(await service.getRunStatus(starts[6].testRunId)).toMatchObject({ status: 'pending', queue_position: 1 });
    expect(renderRunStatus(await service.getRunStatus(starts[6].testRunId))).toContain('- **Queue:** next to start');
    while (service.runningCount + service.pendingCount > 0) {
      for (const gate of [...engine.running.values()]) gate.release();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await service.idle();
    expect(engine.peak).toBe(5);
    // The first five start together (their order into the engine may vary); the queued two follow in order.
    expect([...engine.started.slice(0, 5)].sort()).toEqual(starts.slice(0, 5).map((s) => s.testRunId).sort());
    expect(engine.started.slice(5)).toEqual([starts[5].testRunId, starts[6].testRunId]);
    for (const { testRunId } of starts) expect((await service.getRunStatus(testRunId)).status).toBe('completed');
    expect(await service.creditBalance()).toBe(93);
  });

  it('keeps to the limit when runs finish by themselves', async () => {
    setUp(100, true);
    const id = await stepTest(['navigate to /']);
    const starts = await Promise.all(Array.from({ length: 12 }, () => service.startRun(id)));
    expect(starts.filter((s) => s.status === 'running')).toHaveLength(5);
    await service.idle();
    expect(engine.peak).toBe(5);
    expect(engine.started).toHaveLength(12);
  });
});

describe('shutdown and recovery', () => {
  it('cancels running and pending runs on close, refunding what they did not use, and closes the browser', async () => {
    setUp(100);
    const id = await stepTest();
    const starts = [];
    for (let i = 0; i < 6; i++) starts.push(await service.startRun(id));
    await service.close();
    expect(engine.closed).toBe(true);
    const reader = createService(dir);
    try {
      for (const { testRunId } of starts) {
        expect(await reader.getRunStatus(testRunId)).toMatchObject({ status: 'cancelled', credits_used: 0, error: expect.stringContaining('shut down') });
      }
      expect(await reader.creditBalance()).toBe(100);
    } finally {
      await reader.close();
    }
    await expect(service.startRun(id)).rejects.toMatchObject({ message: expect.stringContaining('shutting down') });
  });

  it('closes runs left open by a killed server as failed (interrupted), charging only recorded steps', async () => {
    setUp(50);
    const id = await stepTest();
    // Simulate a server killed mid-run: rows whose lease its process no longer renews.
    const store = await TestrStore.open({ dataDir: dir, openingCredits: 0 });
    const definition = (await store.definitions.get(LOCAL_USER, id))!;
    const dead = { pid: process.pid, instance: 'killed-server' };
    const reserve = (sessionId: string, leaseUntil: number) => store.runs.reserve({ user: LOCAL_USER, definition, totalSteps: 5, cost: 5, sessionId, owner: dead, leaseUntil });
    const running = await reserve('s1', Date.now() + 60_000);
    if (!running.ok) throw new Error('reserve failed');
    expect((await store.leases.claimNext(dead, Date.now() - 1, 5))?.id).toBe(running.runId);
    const pending = await reserve('s2', Date.now() - 1);
    if (!pending.ok) throw new Error('reserve failed');
    await store.runs.saveStep(running.runId, { stepNumber: 1, stepText: SIGNUP_STEPS[0], status: 'passed', durationMs: 5 });
    await store.runs.saveStep(running.runId, { stepNumber: 2, stepText: SIGNUP_STEPS[1], status: 'passed', durationMs: 5 });
    await store.close();

    const restarted = createService(dir, { engine: createFakeEngine().deps });
    try {
      const first = await restarted.getRunStatus(running.runId);
      expect(first).toMatchObject({ status: 'failed', credits_used: 2, error: 'interrupted: the server stopped before the run finished' });
      expect(first.completed_at).not.toBeNull();
      expect(await restarted.getRunStatus(pending.runId)).toMatchObject({ status: 'failed', credits_used: 0 });
      expect(await restarted.creditBalance()).toBe(48);
      expect(await ledgerOf(running.runId)).toEqual([
        ['reserve', -5],
        ['refund', 3],
      ]);
    } finally {
      await restarted.close();
    }
  });

  it('recovers a killed sibling\'s run while it keeps serving, not only when it opens the database', async () => {
    setUp(50, false, FAST_LEASES);
    const id = await stepTest();
    expect(await service.creditBalance()).toBe(50);
    // A sibling that started a run after this service opened the database, then died.
    const store = await TestrStore.open({ dataDir: dir, openingCredits: 0 });
    const sibling = { pid: process.pid, instance: 'sibling' };
    const reserved = await store.runs.reserve({ user: LOCAL_USER, definition: (await store.definitions.get(LOCAL_USER, id))!, totalSteps: 5, cost: 5, sessionId: 's', owner: sibling, leaseUntil: Date.now() + 60_000 });
    if (!reserved.ok) throw new Error('reserve failed');
    await store.leases.claimNext(sibling, Date.now() + FAST_LEASES.leaseMs, 5);
    await store.runs.saveStep(reserved.runId, { stepNumber: 1, stepText: SIGNUP_STEPS[0], status: 'passed', durationMs: 5 });
    await store.close();
    expect((await service.getRunStatus(reserved.runId)).status).toBe('running');
    const closed = await until(async () => {
      const run = await service.getRunStatus(reserved.runId);
      return run.status === 'failed' ? run : undefined;
    });
    expect(closed).toMatchObject({ credits_used: 1, error: 'interrupted: the server stopped before the run finished', credits_remaining: 49 });
    expect(await ledgerOf(reserved.runId)).toEqual([
      ['reserve', -5],
      ['refund', 4],
    ]);
  });

  it('stops a run here once another process closed it (its lease is gone)', async () => {
    setUp(50, false, FAST_LEASES);
    const { testRunId } = await service.startRun(await stepTest());
    await engine.waitForRunning(1);
    const other = await TestrStore.open({ dataDir: dir, openingCredits: 0 });
    await other.runs.finish(testRunId, { status: 'cancelled', creditsUsed: 0, error: 'cancelled elsewhere' });
    await other.close();
    await service.idle();
    expect(engine.running.size).toBe(0);
    expect(await service.getRunStatus(testRunId)).toMatchObject({ status: 'cancelled', error: 'cancelled elsewhere', credits_remaining: 50 });
  });

  it('leaves alone the open runs of another live server sharing the data folder, whatever its pid', async () => {
    // Same process, same pid: as two containers whose servers are both PID 1.
    setUp(50, false, FAST_LEASES);
    const id = await stepTest();
    const { testRunId } = await service.startRun(id);
    const second = createService(dir, { engine: createFakeEngine().deps, scheduling: FAST_LEASES });
    try {
      expect((await second.getRunStatus(testRunId)).status).toBe('running');
      // Several of the second's heartbeats (each would recover an expired lease) later: still running.
      await new Promise((resolve) => setTimeout(resolve, FAST_LEASES.leaseMs * 3));
      expect((await second.getRunStatus(testRunId)).status).toBe('running');
      engine.running.get(testRunId)?.release();
      await service.idle();
      expect(await second.getRunStatus(testRunId)).toMatchObject({ status: 'completed', credits_used: 5, credits_remaining: 45 });
    } finally {
      await second.close();
    }
  });
});

describe('cancel-test-run', () => {
  it('cancels a running run: the engine is aborted, the steps not run are refunded once', async () => {
    setUp(20);
    const { testRunId } = await service.startRun(await stepTest());
    await engine.waitForRunning(1);
    const signal = engine.running.get(testRunId)?.request.signal;
    const cancelled = await service.cancelRun(testRunId);
    expect(signal?.aborted).toBe(true);
    expect(cancelled).toMatchObject({ testRunId, status: 'cancelled', creditsUsed: 0, creditsRefunded: 5, creditsRemaining: 20 });
    expect(await service.getRunStatus(testRunId)).toMatchObject({ status: 'cancelled', error: 'cancelled with cancel-test-run' });
    await expect(service.cancelRun(testRunId)).rejects.toMatchObject({ toolErrorKind: 'conflict', message: expect.stringContaining('already ended (cancelled)') });
    expect(await service.creditBalance()).toBe(20);
    expect(await ledgerOf(testRunId)).toEqual([
      ['reserve', -5],
      ['refund', 5],
    ]);
  });

  it('cancels a pending run before it starts, and it never reaches the engine', async () => {
    setUp(100);
    const id = await stepTest(['navigate to /']);
    const starts = [];
    for (let i = 0; i < 6; i++) starts.push(await service.startRun(id));
    const queued = starts[5].testRunId;
    expect(starts[5].status).toBe('pending');
    expect(await service.cancelRun(queued)).toMatchObject({ status: 'cancelled', creditsUsed: 0, creditsRefunded: 1 });
    await engine.waitForRunning(5);
    for (const gate of [...engine.running.values()]) gate.release();
    await service.idle();
    expect(engine.started).not.toContain(queued);
    expect(await service.getRunStatus(queued)).toMatchObject({ status: 'cancelled', started_at: null });
    expect(await service.creditBalance()).toBe(95);
  });

  it('cancels a run executing in another server process: closed at once, stopped there at its next heartbeat', async () => {
    setUp(50, false, FAST_LEASES);
    const { testRunId } = await service.startRun(await stepTest());
    await engine.waitForRunning(1);
    const second = createService(dir, { engine: createFakeEngine().deps, scheduling: FAST_LEASES });
    try {
      expect(await second.cancelRun(testRunId)).toMatchObject({ status: 'cancelled', creditsUsed: 0, creditsRefunded: 5, creditsRemaining: 50 });
      await service.idle();
      expect(engine.running.size).toBe(0);
      expect(await service.getRunStatus(testRunId)).toMatchObject({ status: 'cancelled', credits_remaining: 50 });
    } finally {
      await second.close();
    }
  });
});
