/**
 * A minimal JSON-RPC client over a child's stdio: newline-delimited messages, nothing else.
 * Cold start and round-trip figures use it so they measure the server and the transport only:
 * the SDK Client also compiles every tool's outputSchema with ajv after tools/list and validates
 * each structuredContent, client-side work that the bare baseline (no outputSchema) never pays.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class RawClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';
  readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.receive(chunk));
    child.stderr.resume(); // drained, never read: logs must not block the pipe
    this.exited = new Promise((resolve) => child.on('exit', () => resolve()));
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('server exited'));
      this.pending.clear();
    });
  }

  static spawn(command: string, args: string[], env: Record<string, string>): RawClient {
    return new RawClient(spawn(command, args, { env, cwd: '/', stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (!line) continue;
      const message = JSON.parse(line) as { id?: number; result?: unknown; error?: { message: string } };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting) continue; // notifications and server requests are not needed here
      this.pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    }
  }

  request<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  notify(method: string, params: Record<string, unknown> = {}): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, params })}\n`);
  }

  /** initialize + initialized, as every MCP client starts. */
  async initialize(): Promise<void> {
    await this.request('initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'testio-bench-raw', version: '0.0.0' } });
    this.notify('notifications/initialized');
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await this.exited;
    clearTimeout(timer);
  }
}
