/**
 * The scale-out topology end to end, every process built from dist/: two `serve --http` replicas
 * that execute no runs (TESTR_WORKER_CONCURRENCY=0) on one Redis and one PostgreSQL, behind a
 * round-robin proxy, and one `testio-mcp worker` with real Chromium. Through the proxy (so a
 * client's requests alternate between the replicas) with the SDK client: a run started through one
 * replica is executed by the worker and read, recording included, through either; 6 concurrent
 * starts on 12 credits start exactly the affordable 3; `kill -9` of the worker mid-run: the run is
 * closed as interrupted within the lease bound, refunded once, and the balance sums.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { KeyStore } from '../../src/http/keys/key-store.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { HEARTBEAT_MS, LEASE_MS } from '../../src/testr/run-scheduler.js';
import { createDatabase } from '../helpers/postgres-database.js';
import { databaseUrl, killProcess, redisUrl } from '../helpers/services.js';
import { assertBuilt, childEnv, CLI } from '../helpers/stdio.js';
import { connectClient, roundRobin, startServe } from './helpers.js';
import { until } from '../helpers/until.js';

const TIMEOUT_MS = 240_000;
const RECOVERY_DEADLINE_MS = LEASE_MS + HEARTBEAT_MS + 15_000;
const describeWithBoth = redisUrl() && databaseUrl() ? describe : describe.skip;

describeWithBoth('two serve --http replicas and a worker on Redis and PostgreSQL', () => {
  let sandbox: SandboxHandle;
  let database: { url: string; drop: () => Promise<void> };
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  let worker: ChildProcess;
  let workerLog = '';
  const children: ChildProcess[] = [];
  const clients: Client[] = [];
  let keys: KeyStore;

  beforeAll(async () => {
    assertBuilt();
    sandbox = await startSandbox({});
    database = await createDatabase(databaseUrl() ?? '', 'fleetworkers');
    const dir = mkdtempSync(path.join(tmpdir(), 'testio-mcp-fleet-workers-'));
    keys = new KeyStore(path.join(dir, 'keys.json'));
    const shared = {
      ...childEnv(),
      REDIS_URL: redisUrl()!,
      REDIS_KEY_PREFIX: `fleet-workers-${randomBytes(6).toString('hex')}`,
      DATABASE_URL: database.url,
      TESTIO_MCP_KEYS_FILE: keys.file,
      TESTR_WORKER_CONCURRENCY: '0',
      RATE_LIMIT_PER_MINUTE: '10000',
      ...(process.env.CHROMIUM_PATH && { CHROMIUM_PATH: process.env.CHROMIUM_PATH }),
    };
    const replicas = ['a', 'b'].map((name) => startServe({ ...shared, TESTR_DATA_DIR: path.join(dir, name), TESTIO_DATA_DIR: path.join(dir, `${name}-testio`) }));
    children.push(...replicas.map((replica) => replica.child));
    const urls = await Promise.all(replicas.map((replica) => replica.url));
    proxy = await roundRobin(urls);
    worker = spawn(process.execPath, [CLI, 'worker'], {
      env: { ...shared, TESTR_DATA_DIR: path.join(dir, 'worker'), TESTR_WORKER_CONCURRENCY: '5', LOG_LEVEL: 'INFO' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stderr?.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
    await until(async () => (workerLog.includes('testio-mcp worker ready') ? true : undefined), 60_000, `the worker to start: ${workerLog}`);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await proxy?.close();
    if (worker) await killProcess(worker);
    for (const child of children) child.kill('SIGKILL');
    await sandbox?.close();
    await database?.drop();
  }, TIMEOUT_MS);

  async function clientOf(user: string, credits: number) {
    const { client } = await connectClient(proxy.url, { authorization: `Bearer ${keys.add({ user, credits }).key}` });
    clients.push(client);
    const call = async (name: string, args: Record<string, unknown>): Promise<CallToolResult> => (await client.callTool({ name, arguments: args })) as CallToolResult;
    const ok = async (name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
      return result.structuredContent as Record<string, unknown>;
    };
    const define = async (steps: string[]) =>
      (await ok('create-test-definition', { name: `${steps.length} steps`, targetUrl: `${sandbox.url}/demo/`, testType: 'step', steps })).testDefinitionId as string;
    const finished = (testRunId: string, deadlineMs: number) =>
      until(
        async () => {
          const status = await ok('get-test-run-status', { testRunId });
          return status.completed_at ? status : undefined;
        },
        deadlineMs,
        `run ${testRunId} to end`,
      );
    return { client, call, ok, define, finished };
  }

  it('executes on the worker a run started through the replicas, and serves its status and recording through both', async () => {
    const ann = await clientOf('ann', 20);
    const id = await ann.define(['navigate to /demo/', 'verify "Sign Up" is visible']);
    const { testRunId } = await ann.ok('start-test-run', { testDefinitionId: id });
    const done = await ann.finished(testRunId as string, 90_000);
    expect(done).toMatchObject({ status: 'completed', credits_used: 2, credits_remaining: 18 });
    // Two reads in a row land on the two replicas: both serve the GIF from the database.
    for (let i = 0; i < 2; i += 1) {
      const gif = await ann.client.readResource({ uri: `testr://recordings/run-${String(testRunId)}.gif` });
      const blob = (gif.contents[0] as { blob?: string }).blob ?? '';
      expect(Buffer.from(blob, 'base64').subarray(0, 6).toString('latin1')).toMatch(/^GIF8[79]a$/);
    }
    expect(proxy.hits.every((hits) => hits > 0)).toBe(true);
  }, TIMEOUT_MS);

  it('starts exactly the affordable 3 of 6 concurrent starts on 12 credits, across both replicas', async () => {
    const cy = await clientOf('cy', 12);
    const id = await cy.define(['navigate to /demo/', 'verify "Sign Up" is visible', 'verify "Sign Up" is visible', 'verify "Sign Up" is visible']);
    const starts = await Promise.all(Array.from({ length: 6 }, () => cy.call('start-test-run', { testDefinitionId: id })));
    const started = starts.filter((result) => !result.isError).map((result) => (result.structuredContent as { testRunId: string }).testRunId);
    const refused = starts.filter((result) => result.isError);
    expect(started).toHaveLength(3);
    for (const result of refused) expect(JSON.stringify(result.content)).toMatch(/credit/i);
    const ends = await Promise.all(started.map((testRunId) => cy.finished(testRunId, 150_000)));
    for (const end of ends) expect(end).toMatchObject({ status: 'completed', credits_used: 4 });
    expect(ends.at(-1)).toMatchObject({ credits_remaining: 0 });
  }, TIMEOUT_MS);

  it('kill -9 of the worker mid-run: a replica closes the run as interrupted within the bound, refunded once', async () => {
    const dee = await clientOf('dee', 10);
    const id = await dee.define(['navigate to /demo/', 'wait 30 seconds', 'verify "Sign Up" is visible']);
    const { testRunId } = await dee.ok('start-test-run', { testDefinitionId: id });
    await until(
      async () => {
        const status = await dee.ok('get-test-run-status', { testRunId });
        return status.status === 'running' && (status.steps as unknown[]).length >= 1 ? true : undefined;
      },
      60_000,
      'the worker to run the first step',
    );
    await killProcess(worker);
    const killedAt = Date.now();
    const closed = await dee.finished(testRunId as string, RECOVERY_DEADLINE_MS);
    expect(Date.now() - killedAt).toBeLessThan(RECOVERY_DEADLINE_MS);
    expect(closed).toMatchObject({ status: 'failed', error: 'interrupted: the server stopped before the run finished', credits_used: 1, credits_remaining: 9 });
    // Nothing is charged twice: the balance is still 9 a heartbeat later, on either replica.
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 2));
    for (let i = 0; i < 2; i += 1) expect(await dee.ok('get-test-run-status', { testRunId })).toMatchObject({ status: 'failed', credits_remaining: 9 });
  }, TIMEOUT_MS);
});
