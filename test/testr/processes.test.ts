/**
 * Two real stdio servers (the built dist/, SDK Client over stdio) on one TESTR_DATA_DIR, as a
 * user's Claude Desktop and Cursor, with real Chromium runs against the sandbox demo site:
 * - a long run in the first survives the second's start (no pid guesswork: same machine, live lease);
 * - the first killed with SIGKILL mid-run: the second, still serving, closes the run as failed
 *   (interrupted) within the lease bound, refunding the steps not run, once;
 * - ten starts spread over both: at most 5 run at once, the queued ones start in either.
 * Needs `npm run build` and Chromium.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { HEARTBEAT_MS, LEASE_MS } from '../../src/testr/run-scheduler.js';
import { TestrStore, type RunRow } from '../../src/testr/store/index.js';
import type { RunStatusOutput } from '../../src/testr/tool-schemas.js';
import { LOCAL_USER } from '../../src/platform/caller.js';
import { startStdioServer, type StdioServer } from '../helpers/stdio.js';
import { removeDir, tempDataDir } from './helpers.js';
import { until } from '../helpers/until.js';

const TIMEOUT_MS = 240_000;
/** The documented bound (lease + one heartbeat) plus room for a loaded machine. */
const RECOVERY_DEADLINE_MS = LEASE_MS + HEARTBEAT_MS + 15_000;

let sandbox: SandboxHandle;
let dataDir: string;
const servers: StdioServer[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({});
  dataDir = tempDataDir();
});
afterAll(async () => {
  for (const server of servers) await server.close().catch(() => undefined);
  await sandbox?.close();
  removeDir(dataDir);
}, TIMEOUT_MS);

async function server(): Promise<StdioServer> {
  const env: Record<string, string> = { TESTR_DATA_DIR: dataDir, TESTR_CREDITS: '100', LOG_LEVEL: 'WARNING' };
  if (process.env.CHROMIUM_PATH) env.CHROMIUM_PATH = process.env.CHROMIUM_PATH;
  const started = await startStdioServer([], env);
  servers.push(started);
  return started;
}

async function call<T>(server: StdioServer, name: string, args: Record<string, unknown>): Promise<T> {
  const result = (await server.client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}\n${server.stderr()}`);
  return result.structuredContent as T;
}

const status = (server: StdioServer, testRunId: string) => call<RunStatusOutput>(server, 'get-test-run-status', { testRunId });

async function define(server: StdioServer, name: string, steps: string[]): Promise<string> {
  return (await call<{ testDefinitionId: string }>(server, 'create-test-definition', { name, targetUrl: `${sandbox.url}/demo/`, testType: 'step', steps })).testDefinitionId;
}

/** Reads the shared database as a third process would. */
async function readStore<T>(read: (store: TestrStore) => Promise<T>): Promise<T> {
  const store = await TestrStore.open({ dataDir, openingCredits: 0 });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

describe('two stdio servers on one data folder', () => {
  let first: StdioServer;
  let second: StdioServer;
  let longRun: string;

  it('a long run in the first survives the second starting and serving', async () => {
    first = await server();
    const id = await define(first, 'Long run', ['click the "Sign Up" button', 'wait 2 minutes', 'verify that "Create your account" is visible']);
    longRun = (await call<{ testRunId: string }>(first, 'start-test-run', { testDefinitionId: id })).testRunId;
    await until(async () => ((await status(first, longRun)).completed_steps >= 1 ? true : undefined), 120_000, 'the first step');

    second = await server();
    expect(await status(second, longRun)).toMatchObject({ status: 'running', completed_steps: 1 });
    // Past a whole lease and more of the second's recovery beats: the first still renews it.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 2 * HEARTBEAT_MS));
    expect((await status(second, longRun)).status).toBe('running');
    expect((await status(first, longRun)).status).toBe('running');
  }, TIMEOUT_MS);

  it('kill -9 of the first mid-run: the second closes the run as interrupted within the bound, refunded once', async () => {
    const pid = first.transport.pid;
    if (!pid) throw new Error('no pid for the first server');
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    const closed = await until(
      async () => {
        const run = await status(second, longRun);
        return run.status === 'running' ? undefined : run;
      },
      RECOVERY_DEADLINE_MS,
      'the second server to recover the run',
    );
    const tookMs = Date.now() - killedAt;
    expect(closed).toMatchObject({ status: 'failed', error: 'interrupted: the server stopped before the run finished', credits_used: 1, credits_remaining: 99 });
    expect(tookMs).toBeLessThan(RECOVERY_DEADLINE_MS);
    const ledger = await readStore(async (store) => (await store.ledger.forRun(longRun)).map((row) => [row.kind, row.amount]));
    expect(ledger).toEqual([
      ['reserve', -3],
      ['refund', 2],
    ]);
    expect(await readStore((store) => store.ledger.balance(LOCAL_USER))).toBe(99);
  }, TIMEOUT_MS);

  it('ten starts across two servers: at most 5 run at once, and all complete', async () => {
    const third = await server();
    const id = await define(second, 'Short run', ['wait 3 seconds']);
    const starts: Array<{ testRunId: string; status: string }> = [];
    for (let i = 0; i < 10; i++) starts.push(await call(i % 2 === 0 ? second : third, 'start-test-run', { testDefinitionId: id }));
    expect(starts.filter((s) => s.status === 'running')).toHaveLength(5);
    const runs = await until(
      async () => {
        const rows = await readStore((store) => Promise.all(starts.map(async (s) => (await store.runs.get(s.testRunId)) as RunRow)));
        return rows.every((row) => row.completed_at) ? rows : undefined;
      },
      TIMEOUT_MS - 30_000,
      'all ten runs to finish',
    );
    expect(runs.map((row) => row.status)).toEqual(Array(10).fill('completed'));
    // Most runs executing at the same moment, from the stored start and end times.
    const edges = runs.flatMap((row) => [
      { at: Date.parse(row.started_at as string), delta: 1 },
      { at: Date.parse(row.completed_at as string), delta: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let now = 0;
    let peak = 0;
    for (const edge of edges) peak = Math.max(peak, (now += edge.delta));
    expect(peak).toBe(5);
    // Both processes executed some of them.
    expect(new Set(runs.map((row) => row.owner_instance)).size).toBe(2);
    expect(await readStore((store) => store.ledger.balance(LOCAL_USER))).toBe(89);
  }, TIMEOUT_MS);
});
