/**
 * A team server in-process on an ephemeral loopback port (real sockets) against a real sandbox,
 * with its own keys file; plus an SDK Client over Streamable HTTP and a raw JSON-RPC poster.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadConfig } from '../../src/areas.js';
import { assembleTeamServer } from '../../src/http/assemble.js';
import type { App } from '../../src/platform/app.js';
import { secretsOf, type Config } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import type { KeyStore } from '../../src/http/keys/key-store.js';
import type { TeamServer } from '../../src/http/team-server.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { CLI } from '../helpers/stdio.js';

export interface TestServer {
  url: string;
  origin: string;
  keys: KeyStore;
  config: Config;
  app: App;
  server: TeamServer;
  sandbox: SandboxHandle;
  close(): Promise<void>;
}

export async function startTestServer(options: { env?: Record<string, string>; pluginDirs?: string[]; sandbox?: SandboxHandle } = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'testio-mcp-http-'));
  const config = loadConfig({ env: { TESTR_DATA_DIR: dir, TESTIO_DATA_DIR: path.join(dir, 'testio'), TESTIO_MCP_KEYS_FILE: path.join(dir, 'keys.json'), ...options.env }, cwd: dir });
  const sandbox = options.sandbox ?? (await startSandbox());
  config.baseUrl = sandbox.baseUrl;
  config.token = sandbox.token;
  const logger = createLogger({ level: process.env.TEST_LOGS ? 'DEBUG' : 'CRITICAL', format: 'json', secrets: () => secretsOf(config) });
  const assembled = await assembleTeamServer({ config, logger, host: '127.0.0.1', port: 0, pluginDirs: options.pluginDirs });
  const { app, keys, server } = assembled;
  return {
    url: server.url,
    origin: server.url.replace(/\/mcp$/, ''),
    keys,
    config,
    app,
    server,
    sandbox,
    close: async () => {
      await assembled.close(2_000);
      if (!options.sandbox) await sandbox.close();
    },
  };
}

export async function connectClient(url: string, headers: Record<string, string> = {}): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

export const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON-RPC bodies of every shape, read by the tests
type RpcBody = any;

/** One raw JSON-RPC POST; JSON answers (Accept: application/json only). */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: RpcBody }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** The built `serve --http --port 0 --sandbox` as a child process; `url` resolves once it prints MCP_URL. */
export function startServe(env: NodeJS.ProcessEnv, ...args: string[]) {
  const child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0', '--sandbox', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^MCP_URL=(\S+)\n/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve --http exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, stderr: () => stderr };
}

/** Sends request n to replica n mod 2, so consecutive requests of one client alternate. */
export function roundRobin(targets: string[]): Promise<{ url: string; hits: number[]; close: () => Promise<void> }> {
  const hits = targets.map(() => 0);
  let next = 0;
  const proxy: Server = createServer((req, res) => {
    const index = next++ % targets.length;
    hits[index]! += 1;
    const target = new URL(targets[index]!);
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`, hits, close: () => new Promise((done) => proxy.close(() => done())) })),
  );
}
