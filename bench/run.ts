/**
 * `npm run bench`: every figure of issue 6 beside a baseline measured in the same run, printed as
 * a table and written to dist/bench/results.json. A scenario that fails is reported and the
 * others still run. BENCH_QUICK=1 shortens every scenario (for a smoke check).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatTable, ratio, type Row } from './lib/report.js';
import { startBenchSandbox, type SandboxHandle } from './lib/sandbox.js';
import { ROOT, startRawServer, startServer } from './lib/servers.js';
import { stalePlugins } from './lib/stale-plugins.js';
import { analyticsSync } from './scenarios/analytics-sync.js';
import { analyticsQueries } from './scenarios/analytics-queries.js';
import { cachedCall } from './scenarios/cached-call.js';
import { coldStart } from './scenarios/cold-start.js';
import { fanout } from './scenarios/fanout.js';
import { httpServer } from './scenarios/http.js';
import { insights } from './scenarios/insights.js';
import { memory } from './scenarios/memory.js';
import { newConnection } from './scenarios/new-connection.js';
import { sandboxSeed } from './scenarios/sandbox-seed.js';
import { testrWorkers } from './scenarios/testr-workers.js';
import { throughput } from './scenarios/throughput.js';

const quick = process.env.BENCH_QUICK === '1';
/** BENCH_ONLY="cached call,throughput": run only these scenarios (names as printed), e.g. to repeat the call-path rows. */
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((name) => name.trim())) : undefined;
const selected = (name: string) => !only || only.has(name);
const SIZES = quick
  ? { coldRuns: 3, connectionRuns: 50, cachedCalls: 50, fanoutRuns: 1, throughputCalls: 300, throughputWarmUp: 100, memoryCalls: 200, seedRuns: 3, syncRuns: 3, queryRuns: 30, insightRuns: 10 }
  : { coldRuns: 11, connectionRuns: 300, cachedCalls: 300, fanoutRuns: 5, throughputCalls: 2_000, throughputWarmUp: 10_000, memoryCalls: 1_000, seedRuns: 9, syncRuns: 9, queryRuns: 200, insightRuns: 40 };

const rows: Row[] = [];
const failures: string[] = [];

async function scenario(name: string, run: () => Promise<Row[]>): Promise<void> {
  if (!selected(name)) return;
  const started = performance.now();
  process.stderr.write(`bench: ${name}…`);
  try {
    rows.push(...(await run()));
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    const message = (error as Error).message.split('\n').slice(0, 6).join('\n');
    failures.push(`${name}: ${message}`);
    process.stderr.write(` FAILED: ${message}\n`);
  }
}

/** The two stdio scenarios share four servers: ours and the bare one, each behind the SDK Client and the raw client. */
async function stdioCalls(sandbox: SandboxHandle): Promise<void> {
  const [server, baseline, raw, rawBaseline] = await Promise.all([
    startServer('testio', sandbox),
    startServer('baseline'),
    startRawServer('testio', sandbox),
    startRawServer('baseline'),
  ]);
  try {
    await scenario('cached call', () => cachedCall({ raw, rawBaseline, sdk: server, sdkBaseline: baseline }, sandbox, SIZES.cachedCalls));
    await scenario('throughput', () => throughput(server, baseline, sandbox, SIZES.throughputCalls, SIZES.throughputWarmUp));
  } finally {
    await Promise.all([server.close(), baseline.close(), raw.close(), rawBaseline.close()]);
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const stale = stalePlugins();
  if (stale.length) failures.push(`plugins imported at start-up (compiled copy older than the source, or no current tool index), cold start inflated: ${stale.join(', ')}; run npm run build`);
  const sandbox = await startBenchSandbox();
  try {
    await scenario('cold start', () => coldStart(sandbox, SIZES.coldRuns));
    await scenario('new connection', () => newConnection(sandbox, SIZES.connectionRuns));
    if (selected('cached call') || selected('throughput')) await stdioCalls(sandbox);
    await scenario('team server (HTTP)', () => httpServer(sandbox, SIZES.cachedCalls));
    await scenario('report fan-out', async () => (await fanout(sandbox, SIZES.fanoutRuns)).rows);
    await scenario('memory', () => memory(sandbox, SIZES.memoryCalls));
    await scenario('sandbox seed', () => sandboxSeed(SIZES.seedRuns));
    await scenario('analytics sync', () => analyticsSync(SIZES.syncRuns));
    await scenario('analytics queries', () => analyticsQueries(SIZES.queryRuns));
    await scenario('insights (large store)', () => insights(SIZES.insightRuns));
    await scenario('testr workers', () => testrWorkers(sandbox, quick ? 8 : 20));
  } finally {
    await sandbox.close();
  }

  const totalSeconds = (performance.now() - started) / 1000;
  console.log(formatTable(rows));
  if (failures.length) console.log(`\nproblems:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  console.log(`\n${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${os.platform()}; ${totalSeconds.toFixed(0)} s${quick ? ' (BENCH_QUICK)' : ''}`);

  const file = path.join(ROOT, 'dist', 'bench', 'results.json');
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: os.platform(), totalMemoryMb: Math.round(os.totalmem() / 2 ** 20) };
  const figures = rows.map((row) => ({ ...row, ratio: ratio(row) }));
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, sizes: SIZES, machine, seconds: totalSeconds, figures, failures }, null, 2)}\n`);
  console.log(`results written to ${path.relative(process.cwd(), file) || file}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
