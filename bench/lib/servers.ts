/**
 * Spawns the server under benchmark (the built CLI) or the bare baseline server on stdio and
 * connects the SDK client, timing spawn → initialize → tools/list like an MCP client would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { cpuMs } from './cpu.js';
import { RawClient } from './raw-client.js';

// dist/bench/lib → repository root
export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
export const BASELINE = path.join(ROOT, 'dist', 'bench', 'baseline-server.js');

export type ServerKind = 'testio' | 'baseline';

export interface BenchServer {
  kind: ServerKind;
  client: Client;
  pid: number;
  /** Spawn → tools/list answered, in ms. */
  startupMs: number;
  toolCount: number;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  stderr(): string;
  close(): Promise<void>;
}

export interface ApiTarget {
  baseUrl: string;
  token: string;
}

/** A clean environment (no stray tokens from the shell) with a throwaway Testr folder. */
function serverEnv(dataDir: string, api?: ApiTarget, extraEnv: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dataDir,
    TESTR_DATA_DIR: dataDir,
    LOG_LEVEL: 'WARNING',
    ...(api ? { TESTIO_CUSTOMER_API_BASE_URL: api.baseUrl, TESTIO_CUSTOMER_API_TOKEN: api.token } : {}),
    ...extraEnv,
  };
}

const scriptOf = (kind: ServerKind) => (kind === 'testio' ? CLI : BASELINE);

export interface RawServer {
  raw: RawClient;
  pid: number;
  /** Spawn → tools/list answer received (no client-side processing), in ms. */
  startupMs: number;
  /** CPU the server used up to that answer, in ms (Linux; undefined elsewhere). */
  startupCpuMs?: number;
  toolCount: number;
  close(): Promise<void>;
}

/** The server behind the minimal JSON-RPC client: what the server and stdio cost, nothing more. */
export async function startRawServer(kind: ServerKind, api?: ApiTarget): Promise<RawServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'testio-bench-'));
  const started = performance.now();
  const raw = RawClient.spawn(process.execPath, [scriptOf(kind)], serverEnv(dataDir, api));
  await raw.initialize();
  const { tools } = await raw.request<{ tools: unknown[] }>('tools/list');
  const startupMs = performance.now() - started;
  const pid = raw.child.pid ?? -1;
  return {
    raw,
    pid,
    startupMs,
    startupCpuMs: cpuMs(pid),
    toolCount: tools.length,
    close: async () => {
      await raw.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The server behind the SDK Client, as an SDK-based MCP client sees it. */
export async function startServer(kind: ServerKind, api?: ApiTarget, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'testio-bench-'));
  const env = serverEnv(dataDir, api, extraEnv);
  const script = scriptOf(kind);
  const started = performance.now();
  const transport = new StdioClientTransport({ command: process.execPath, args: [script], env, cwd: '/', stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const client = new Client({ name: 'testio-bench', version: '0.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`${kind} server failed to start: ${(error as Error).message}\n${stderr}`);
  }
  const { tools } = await client.listTools();
  const startupMs = performance.now() - started;
  return {
    kind,
    client,
    pid: transport.pid ?? -1,
    startupMs,
    toolCount: tools.length,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult,
    stderr: () => stderr,
    close: async () => {
      await client.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The text of a result's first block, for error messages. */
export function textOf(result: CallToolResult): string {
  const block = result.content[0];
  return block?.type === 'text' ? block.text : '';
}

/** Calls a tool and throws with its text when it answers with an error. */
export async function mustCall(server: BenchServer, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  const result = await server.call(name, args);
  if (result.isError) throw new Error(`${name} ${JSON.stringify(args)} failed: ${textOf(result).slice(0, 300)}`);
  return result;
}
