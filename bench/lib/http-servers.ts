/**
 * The two HTTP servers of the team-server rows, in this process on loopback: the real team server
 * (keys off, memory sessions and limits, a generous rate limit) and a bare SDK server with one echo
 * tool, stateless with a server and transport per request as the SDK documents it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { COMPOSITION, loadConfig } from '../../src/areas.js';
import { KeyStore } from '../../src/http/keys/key-store.js';
import { FlexibleRequestLimiter } from '../../src/http/limits/request-limiter.js';
import { ServerMetrics } from '../../src/http/metrics.js';
import { MemorySessionStore } from '../../src/http/sessions/session-store.js';
import { startTeamServer } from '../../src/http/team-server.js';
import { createApp } from '../../src/platform/app.js';
import { secretsOf } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import type { SandboxHandle } from './sandbox.js';

export interface HttpBenchServer {
  url: string;
  close(): Promise<void>;
}

export async function startHttpTeamServer(sandbox: SandboxHandle): Promise<HttpBenchServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'testio-mcp-bench-http-'));
  const config = loadConfig({ env: { TESTR_DATA_DIR: dir, TESTIO_MCP_KEYS_FILE: path.join(dir, 'keys.json') }, cwd: dir });
  config.baseUrl = sandbox.baseUrl;
  config.token = sandbox.token;
  const logger = createLogger({ level: 'CRITICAL', format: 'json', secrets: () => secretsOf(config) });
  const metrics = new ServerMetrics();
  const app = await createApp({ ...COMPOSITION, config, logger, onToolCall: metrics.toolCall });
  const sessions = new MemorySessionStore();
  const server = await startTeamServer({
    app,
    logger,
    keys: new KeyStore(config.keysFile),
    sessions,
    limiter: new FlexibleRequestLimiter(1_000_000),
    metrics,
    hygiene: { host: '127.0.0.1' },
    port: 0,
    sessionTtlSeconds: 3600,
    serverToken: () => config.token,
  });
  return {
    url: server.url,
    close: async () => {
      await server.drain(1_000);
      await app.close(500);
      await sessions.close();
    },
  };
}

export async function startHttpEchoServer(): Promise<HttpBenchServer> {
  const web = express();
  web.use(express.json({ limit: '4mb' }));
  web.post('/mcp', async (req, res) => {
    const mcp = new McpServer({ name: 'baseline', version: '1.0.0' });
    mcp.registerTool('echo', { description: 'Echoes the message', inputSchema: { message: z.string() } }, ({ message }) => ({ content: [{ type: 'text', text: message }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const server = await new Promise<ReturnType<typeof web.listen>>((resolve) => {
    const listening = web.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
