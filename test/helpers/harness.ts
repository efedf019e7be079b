/**
 * Test harness: the real server (createApp) behind a real SDK Client over an in-memory transport,
 * optionally against a real sandbox HTTP server. Every tool test goes through this.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type CallToolResult, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { COMPOSITION, loadConfig } from '../../src/areas.js';
import { createApp, type App } from '../../src/platform/app.js';
import { localCaller, type Caller } from '../../src/platform/caller.js';
import { secretsOf, type Config } from '../../src/platform/config.js';
import { createLogger, createSilentLogger } from '../../src/platform/logger.js';
import type { SandboxHandle, SandboxOptions } from '../../src/sandbox/index.js';

export interface HarnessOptions {
  /** Environment variables as the server would read them (nothing is taken from process.env). */
  env?: Record<string, string>;
  /** Start a sandbox API and point the server at it (default false). */
  sandbox?: boolean | SandboxOptions;
  /** Reuse a sandbox started by the test (not closed by the harness). */
  sharedSandbox?: SandboxHandle;
  /** Scan these plugin folders instead of the package's plugins/. */
  pluginDirs?: string[];
  /** Point the server at this API (e.g. a fault-injecting proxy) instead of a sandbox. */
  api?: { baseUrl: string; token: string };
  /** Log at DEBUG into a buffer, read with `logs()` (to prove nothing leaks a secret). */
  captureLogs?: boolean;
  /** Who the client's calls come from; default the local user with the configured token. */
  caller?: (config: Config) => Caller;
  /** Declare the elicitation capability and answer `elicitation/create` with this. */
  elicitation?: (request: ElicitRequest) => ElicitResult | Promise<ElicitResult>;
}

export interface Harness {
  client: Client;
  app: App;
  /** The server this client is connected to. */
  server: McpServer;
  caller: Caller;
  config: Config;
  sandbox?: SandboxHandle;
  /** Temporary TESTR_DATA_DIR unless the env set one. */
  dataDir: string;
  /** The caller's context (services registered), as a tool call would see it. */
  context(): ReturnType<App['contextFor']>;
  /** callTool with arguments; returns the full result. */
  call(name: string, args?: Record<string, unknown>, onprogress?: (progress: { progress: number; total?: number; message?: string }) => void): Promise<CallToolResult>;
  /** Every log line written so far (with captureLogs). */
  logs(): string;
  /** The text of the first content block. */
  text(result: CallToolResult): string;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'testio-mcp-test-'));
  const env: Record<string, string> = { TESTR_DATA_DIR: dataDir, TESTIO_DATA_DIR: path.join(dataDir, 'testio'), ...options.env };
  const config = loadConfig({ env, cwd: dataDir });
  let sandbox = options.sharedSandbox;
  const ownSandbox = !sandbox && options.sandbox;
  if (ownSandbox) sandbox = await (await import('../../src/sandbox/index.js')).startSandbox(typeof options.sandbox === 'object' ? options.sandbox : {});
  const api = options.api ?? sandbox;
  if (api) {
    config.baseUrl = api.baseUrl;
    config.token = api.token;
  }
  let logs = '';
  const captured = new PassThrough().on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const logger = options.captureLogs
    ? createLogger({ level: 'DEBUG', format: 'json', secrets: () => secretsOf(config), stream: captured })
    : process.env.TEST_LOGS
      ? createLogger({ level: 'DEBUG', format: 'text', secrets: () => secretsOf(config) })
      : createSilentLogger();
  const app = await createApp({ ...COMPOSITION, config, logger, pluginDirs: options.pluginDirs });
  const caller = options.caller?.(config) ?? localCaller(config.token);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'testio-mcp-tests', version: '0.0.0' }, options.elicitation ? { capabilities: { elicitation: {} } } : undefined);
  if (options.elicitation) client.setRequestHandler(ElicitRequestSchema, (request) => options.elicitation!(request));
  const server = await app.connect(serverTransport, caller);
  await client.connect(clientTransport);

  return {
    client,
    app,
    server,
    caller,
    context: () => app.contextFor(caller),
    config,
    sandbox,
    dataDir,
    // Long enough for the fault suites' retries over a slow API.
    call: async (name, args = {}, onprogress) => (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000, onprogress })) as CallToolResult,
    logs: () => logs,
    text: (result) => {
      const block = result.content[0];
      return block && block.type === 'text' ? block.text : '';
    },
    close: async () => {
      await client.close().catch(() => undefined);
      await app.close(0);
      if (ownSandbox) await sandbox?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
