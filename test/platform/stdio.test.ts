/**
 * The built server over real stdio: stdout carries JSON-RPC only (even at DEBUG), and SIGINT,
 * SIGTERM and stdin EOF end it with exit code 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI, assertBuilt, childEnv, startStdioServer } from '../helpers/stdio.js';

function spawnServer(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  assertBuilt();
  return spawn(process.execPath, [CLI, ...args], { env: childEnv(env), cwd: '/', stdio: 'pipe' });
}

function send(child: ChildProcessWithoutNullStreams, message: object) {
  child.stdin.write(`${JSON.stringify(message)}\n`);
}

function collectStdout(child: ChildProcessWithoutNullStreams) {
  const state = { text: '' };
  child.stdout.on('data', (chunk: Buffer) => (state.text += chunk.toString()));
  return state;
}

async function waitFor(predicate: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const exitCode = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};

describe('stdio server', () => {
  it('writes nothing but JSON-RPC to stdout at DEBUG level', async () => {
    const child = spawnServer(['--sandbox', '--log-level', 'DEBUG', '--log-format', 'text']);
    const out = collectStdout(child);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    send(child, INIT);
    await waitFor(() => out.text.includes('"id":1'));
    send(child, { jsonrpc: '2.0', method: 'notifications/initialized' });
    send(child, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    send(child, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'get_test_status', arguments: { test_id: 109363 } } });
    send(child, { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'get_test_bugs', arguments: { test_id: 'oops' } } });
    await waitFor(() => out.text.includes('"id":4'));
    const done = exitCode(child);
    child.stdin.end();
    expect((await done).code).toBe(0);
    const lines = out.text.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stderr).toMatch(/DEBUG/);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 on %s', async (signal) => {
    const child = spawnServer([]);
    const out = collectStdout(child);
    send(child, INIT);
    await waitFor(() => out.text.includes('"id":1'));
    const done = exitCode(child);
    const started = Date.now();
    child.kill(signal);
    expect(await done).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lists every tool with title, description and annotations to the SDK client over stdio', async () => {
    const server = await startStdioServer([]);
    try {
      const { tools } = await server.client.listTools();
      expect(tools.length).toBeGreaterThanOrEqual(15);
      for (const tool of tools) {
        expect(tool.title).toBeTruthy();
        expect(tool.description).toBeTruthy();
        expect(tool.annotations).toEqual(expect.objectContaining({ readOnlyHint: expect.any(Boolean), destructiveHint: expect.any(Boolean), idempotentHint: expect.any(Boolean), openWorldHint: expect.any(Boolean) }));
      }
      const noToken = await server.client.callTool({ name: 'list_products', arguments: {} });
      expect(noToken.isError).toBe(true);
      expect(JSON.stringify(noToken.content)).toMatch(/TESTIO_CUSTOMER_API_TOKEN is not set/);
    } finally {
      await server.close();
    }
  });

  it('a repeated answer (written from the answer memo as kept JSON) is the same answer as the first', async () => {
    const server = await startStdioServer(['--sandbox']);
    try {
      const calls = [
        { name: 'get_test_status', arguments: { test_id: 109363 } },
        { name: 'get_test_bugs', arguments: { test_id: 109363, page_size: 5 } },
        { name: 'list_products', arguments: {} },
      ];
      for (const call of calls) {
        const first = await server.client.callTool(call);
        expect(first.isError).toBeFalsy();
        for (let i = 0; i < 3; i++) expect(await server.client.callTool(call)).toEqual(first);
      }
    } finally {
      await server.close();
    }
  });
});
