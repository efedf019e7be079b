/**
 * The real server (createApp) behind an in-memory SDK client, like test/helpers/harness.ts, but
 * logging at DEBUG into a buffer so a suite can check that nothing in the logs leaks a secret.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createApp, type App } from '../../../src/platform/app.js';
import { loadConfig, secretsOf, type Config } from '../../../src/platform/config.js';
import { createLogger } from '../../../src/platform/logger.js';

export interface LoggedApp {
  client: Client;
  app: App;
  config: Config;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Every log line written so far. */
  logs(): string;
  close(): Promise<void>;
}

export interface LoggedAppOptions {
  baseUrl: string;
  token: string;
  env?: Record<string, string>;
}

export async function startLoggedApp(options: LoggedAppOptions): Promise<LoggedApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'testio-resilience-'));
  const config = loadConfig({ env: { TESTR_DATA_DIR: dataDir, LOG_LEVEL: 'DEBUG', ...options.env }, cwd: dataDir });
  config.baseUrl = options.baseUrl;
  config.token = options.token;
  let logs = '';
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const logger = createLogger({ level: 'DEBUG', format: 'json', secrets: () => secretsOf(config), stream });
  const app = await createApp({ config, logger });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'resilience-tests', version: '0.0.0' });
  await app.mcp.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    app,
    config,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult,
    logs: () => logs,
    close: async () => {
      await client.close().catch(() => undefined);
      await app.close(0);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
