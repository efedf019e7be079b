/**
 * The built CLI as a child process spoken to line by line, for what an SDK client never sends:
 * oversized, malformed and batched messages. Collects every line the server writes on stdout.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { assertBuilt, childEnv, CLI } from '../../helpers/stdio.js';
import type { Exit } from './child-server.js';

export type Wire = Record<string, unknown> & { id?: string | number; error?: { code: number; message: string }; result?: Record<string, unknown> };

export interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Every JSON line the server wrote, parsed, in order. */
  lines: Wire[];
  /** stdout text that was not a JSON line (must stay empty: stdout is the protocol). */
  junk(): string;
  stderr(): string;
  exited: Promise<Exit>;
  send(text: string | Buffer): void;
  request(id: number | string, method: string, params?: Record<string, unknown>): Promise<Wire>;
  waitFor(predicate: (line: Wire) => boolean, ms?: number): Promise<Wire>;
  kill(): Promise<void>;
}

export async function startRawServer(env: Record<string, string>): Promise<RawServer> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI], { env: childEnv(env), cwd: '/', stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let junk = '';
  let pending = '';
  const lines: Wire[] = [];
  const waiters = new Set<() => void>();
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-100_000)));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Wire);
      } catch {
        junk += `${part}\n`;
      }
    }
    for (const wake of waiters) wake();
  });
  child.stdin.on('error', () => undefined);
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));

  const waitFor = (predicate: (line: Wire) => boolean, ms = 15_000) =>
    new Promise<Wire>((resolve, reject) => {
      const check = () => {
        const found = lines.find(predicate);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching message within ${ms} ms; got ${JSON.stringify(lines).slice(-600)}\nstderr: ${stderr.slice(-1500)}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const send = (text: string | Buffer) => void child.stdin.write(text);
  const request = (id: number | string, method: string, params?: Record<string, unknown>) => {
    send(`${JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) })}\n`);
    return waitFor((line) => line.id === id);
  };

  const server: RawServer = {
    child,
    lines,
    junk: () => junk,
    stderr: () => stderr,
    exited,
    send,
    request,
    waitFor,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  await request(0, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-test', version: '0.0.0' } });
  send(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return server;
}
