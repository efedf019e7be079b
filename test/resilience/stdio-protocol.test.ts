/**
 * The built server on stdio against what no SDK client sends: a message over the 10 MB read limit,
 * invalid JSON, batches, non-object params. Each gets its JSON-RPC error, the server keeps serving,
 * and when stdin closes (also after a browser test) it shuts down, Chromium included, saying why.
 * Needs `npm run build` (npm test runs it first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { startRawServer, type RawServer, type Wire } from './support/raw-stdio.js';

const TIMEOUT_MS = 60_000;
const OVER_LIMIT = 10 * 1024 * 1024 + 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A tools/call whose arguments push the line past the limit; its id comes first, as clients write it. */
function oversizedCall(id: number): string {
  return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"health_check","arguments":{"id":999,"pad":"${'x'.repeat(OVER_LIMIT)}"}}}\n`;
}

/** Every process below `pid` (Chromium and its helpers). */
function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  const children = out.split(/\s+/).filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('stdio protocol hardening', () => {
  let sandbox: SandboxHandle;
  let dataDir: string;
  const servers: RawServer[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const server = await startRawServer({
      TESTIO_CUSTOMER_API_BASE_URL: sandbox.baseUrl,
      TESTIO_CUSTOMER_API_TOKEN: sandbox.token,
      TESTR_DATA_DIR: dataDir,
      LOG_LEVEL: 'INFO',
      ...env,
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    dataDir = mkdtempSync(path.join(tmpdir(), 'testio-stdio-protocol-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a message over 10 MB with an error for its id, logs why, and keeps serving', async () => {
    const server = await start();
    server.send(oversizedCall(7));
    const refusal = await server.request(8, 'ping').then(() => server.lines.find((l) => l.id === 7));
    expect(refusal?.error).toMatchObject({ code: -32600, message: expect.stringMatching(/larger than 10 MB/) });
    // Only the top-level id answers: the "id" inside the arguments must not.
    expect(server.lines.some((l) => l.id === 999)).toBe(false);
    const health = await server.request(9, 'tools/call', { name: 'health_check', arguments: {} });
    expect(health.result?.isError).toBeFalsy();
    expect(server.stderr()).toMatch(/Refused a message larger than 10 MB/);
    expect(server.junk()).toBe('');
  }, TIMEOUT_MS);

  it('gives invalid JSON, batches and non-object params the JSON-RPC errors the spec prescribes', async () => {
    const server = await start();
    const errors = (from: number) => server.lines.slice(from).filter((l): l is Wire & { error: { code: number; message: string } } => Boolean(l.error));
    const before = server.lines.length;
    server.send('{"jsonrpc":"2.0","id":20,"method":\n');
    server.send('[{"jsonrpc":"2.0","id":21,"method":"ping"},{"jsonrpc":"2.0","id":22,"method":"tools/list"}]\n');
    server.send('[]\n');
    server.send('{"jsonrpc":"2.0","id":23,"method":"tools/list","params":[1,2]}\n');
    server.send('{"jsonrpc":"2.0","id":24,"method":"tools/call","params":"health_check"}\n');
    server.send('42\n');
    server.send('{"jsonrpc":"1.0","id":25,"method":"ping"}\n');
    await server.request(26, 'ping');
    const got = errors(before).map((l) => ({ id: l.id, code: l.error.code }));
    expect(got).toEqual([
      { id: undefined, code: -32700 },
      { id: 21, code: -32600 },
      { id: 22, code: -32600 },
      { id: undefined, code: -32600 },
      { id: 23, code: -32602 },
      { id: 24, code: -32602 },
      { id: undefined, code: -32600 },
      { id: 25, code: -32600 },
    ]);
    expect(errors(before).every((l) => l.jsonrpc === '2.0' && l.error.message.length > 10)).toBe(true);
    expect(server.junk()).toBe('');
  }, TIMEOUT_MS);

  it('after a browser test and an oversized message, still answers, and stdin closing ends it with its Chromium', async () => {
    const server = await start({ CHROMIUM_PATH: '/usr/bin/chromium' });
    const created = await server.request(30, 'tools/call', {
      name: 'create-test-definition',
      arguments: { name: 'Open sign-up', targetUrl: `${sandbox.url}/demo/`, testType: 'step', steps: ['Click the "Sign Up" button'] },
    });
    const definitionId = (created.result?.structuredContent as { testDefinitionId?: unknown } | undefined)?.testDefinitionId;
    expect(definitionId).toBeDefined();
    const started = await server.request(31, 'tools/call', { name: 'start-test-run', arguments: { testDefinitionId: definitionId } });
    const runId = (started.result?.structuredContent as { testRunId?: unknown } | undefined)?.testRunId;
    expect(runId).toBeDefined();
    let status = 'pending';
    for (let id = 100; ['pending', 'running'].includes(status) && id < 400; id += 1) {
      await sleep(250);
      const answer = await server.request(id, 'tools/call', { name: 'get-test-run-status', arguments: { testRunId: runId } });
      status = String((answer.result?.structuredContent as { status?: unknown } | undefined)?.status);
    }
    expect(status).toBe('completed');

    server.send(oversizedCall(40));
    const ping = await server.request(41, 'ping');
    expect(ping.result).toEqual({});
    expect(server.lines.find((l) => l.id === 40)?.error?.code).toBe(-32600);

    const browser = descendants(server.child.pid!);
    server.child.stdin.end();
    const exit = await Promise.race([server.exited, sleep(10_000).then(() => undefined)]);
    expect(exit && { code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/Shutting down \(transport closed: stdin closed\)/);
    // Chromium's helper processes exit a moment after its main process: allow them a few seconds.
    for (let i = 0; i < 50 && browser.some(alive); i += 1) await sleep(100);
    expect(browser.length).toBeGreaterThan(0);
    expect(browser.filter(alive)).toEqual([]);
  }, TIMEOUT_MS);
});
