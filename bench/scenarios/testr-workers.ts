/**
 * Testr runs per minute through the PostgreSQL queue (BENCH_DATABASE_URL, else TEST_DATABASE_URL;
 * skipped without): RUNS short step runs (real Chromium, the sandbox demo site) queued by a replica
 * that executes nothing (TESTR_WORKER_CONCURRENCY=0), executed by one built `testio-mcp worker`,
 * then by two. Baseline: the embedded default, one process executing the same runs on SQLite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/platform/logger.js';
import { TestrService } from '../../src/testr/service.js';
import { createDatabase } from '../lib/postgres-database.js';
import type { Row } from '../lib/report.js';
import type { SandboxHandle } from '../lib/sandbox.js';
import { CLI } from '../lib/servers.js';

const STEPS = ['navigate to /demo/', 'verify "Sign Up" is visible'];
const CONCURRENCY = 2;

export async function testrWorkers(sandbox: SandboxHandle, runs: number): Promise<Row[]> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure Testr workers');
  const section = `Testr runs per minute (${runs} runs of ${STEPS.length} steps, ${CONCURRENCY} at once per process)`;
  const baseline = await perMinute(runs, undefined, 0);
  const one = await perMinute(runs, serverUrl, 1);
  const two = await perMinute(runs, serverUrl, 2);
  return [
    { section, metric: 'one worker (PostgreSQL queue)', value: one, unit: 'runs/min', baseline, baselineLabel: 'one process, SQLite' },
    { section, metric: 'two workers (PostgreSQL queue)', value: two, unit: 'runs/min', baseline: one, baselineLabel: 'one worker', note: 'at most 5 runs per user at once: the runs are spread over users' },
  ];

  async function perMinute(count: number, databaseServer: string | undefined, workers: number): Promise<number> {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-testr-'));
    const database = databaseServer ? await createDatabase(databaseServer, 'bench_testr') : undefined;
    const children: ChildProcess[] = [];
    const logger = createLogger({ level: 'CRITICAL', format: 'json', secrets: () => [] });
    const config = { testrDataDir: dir, testrCredits: 1_000, testrBlockPrivateNetworks: false, ...(process.env.CHROMIUM_PATH && { chromiumPath: process.env.CHROMIUM_PATH }) };
    const service = new TestrService({
      logger,
      config: database ? { ...config, databaseUrl: database.url, testrWorkerConcurrency: 0 } : config,
      scheduling: { processLimit: CONCURRENCY, perUserLimit: 5 },
    });
    try {
      await service.start();
      for (let i = 0; i < workers; i++) children.push(await startWorker(database!.url, path.join(dir, `w${i}`)));
      // Users of their own, so the limit of 5 per user does not cap the figure.
      const users = Array.from({ length: count }, (_, i) => service.forUser({ userId: `bench-${i % 4}` }));
      const ids = await Promise.all(users.map((u) => u.createDefinition({ name: 'bench', targetUrl: `${sandbox.url}/demo/`, testType: 'step', steps: STEPS })));
      const started = performance.now();
      const runIds = await Promise.all(users.map((u, i) => u.startRun(ids[i]!.testDefinitionId)));
      for (const [i, run] of runIds.entries()) {
        for (;;) {
          const status = await users[i]!.getRunStatus(run.testRunId);
          if (status.completed_at) {
            if (status.status !== 'completed') throw new Error(`bench run ${status.status}: ${status.error}`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      return count / ((performance.now() - started) / 60_000);
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
      await service.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function startWorker(databaseUrl: string, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'worker'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: databaseUrl, TESTR_DATA_DIR: dataDir, TESTR_WORKER_CONCURRENCY: String(CONCURRENCY), LOG_LEVEL: 'INFO', ...(process.env.CHROMIUM_PATH && { CHROMIUM_PATH: process.env.CHROMIUM_PATH }) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('testio-mcp worker ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${log}`)));
  });
  return child;
}

