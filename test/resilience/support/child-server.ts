/**
 * The built CLI as a child process with an SDK Client over its stdio, keeping hold of the process
 * itself (StdioClientTransport hides it) so a test can signal it, close its stdin, and see how
 * and when it exits.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { assertBuilt, childEnv, CLI } from '../../helpers/stdio.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() when the process ended. */
  at: number;
}

class ChildTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Every message the server wrote, in wire order, before the SDK client handles it. */
  readonly received: JSONRPCMessage[] = [];
  private readonly buffer = new ReadBuffer();

  constructor(private readonly child: ChildProcessWithoutNullStreams) {}

  async start(): Promise<void> {
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let message = this.buffer.readMessage(); message; message = this.buffer.readMessage()) {
        this.received.push(message);
        this.onmessage?.(message);
      }
    });
    this.child.on('close', () => this.onclose?.());
    this.child.stdin.on('error', (error) => this.onerror?.(error));
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (!this.child.stdin.writable) throw new Error('server stdin is closed');
    this.child.stdin.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    this.child.stdin.end();
  }
}

export interface ChildServer {
  client: Client;
  child: ChildProcessWithoutNullStreams;
  /**
   * Every message the server wrote, in wire order. The SDK client hands notifications to their
   * handlers a microtask late but settles a response at once, so a progress notification that
   * arrives in the same stdout chunk as its response never reaches `onprogress`; what the server
   * sent is checked here instead.
   */
  received: readonly JSONRPCMessage[];
  exited: Promise<Exit>;
  stderr(): string;
  /** Ends the child for sure (test cleanup). */
  kill(): Promise<void>;
}

export async function startChildServer(args: string[], env: Record<string, string>): Promise<ChildServer> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { env: childEnv(env), cwd: '/', stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-50_000)));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  const client = new Client({ name: 'lifecycle-test', version: '0.0.0' });
  const transport = new ChildTransport(child);
  try {
    await client.connect(transport);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`server did not start: ${(error as Error).message}\n${stderr}`);
  }
  return {
    client,
    child,
    received: transport.received,
    exited,
    stderr: () => stderr,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
