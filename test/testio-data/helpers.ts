/** Shared helpers of the data-layer tests: configs, a capturing logger, a scripted HTTP server. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/areas.js';
import type { Config } from '../../src/platform/config.js';
import { createLogger, createSilentLogger, type Logger } from '../../src/platform/logger.js';
import { TestioApi, type TestioApiOptions } from '../../src/testio/data/api.js';
import { TestioCache } from '../../src/testio/data/cache.js';
import { TestioHttpClient, type HttpClientOptions } from '../../src/testio/data/http-client.js';

export const TEST_TOKEN = 'tok_SuperSecret_1234567890';

export function makeConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ env: {}, cwd: '/nonexistent' }), token: TEST_TOKEN, httpTimeoutSeconds: 5, ...overrides };
}

/** Fast retries for tests: tiny backoff, small budget. */
export const FAST_RETRY: HttpClientOptions = { baseDelayMs: 5, maxDelayMs: 20, budgetMs: 5_000, random: () => 0.5 };

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
}

/** A DEBUG logger that does NOT redact itself, so the data layer's own redaction is what is tested. */
export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'DEBUG', format: 'json', secrets: () => [], stream }), lines };
}

export interface Stack {
  config: Config;
  http: TestioHttpClient;
  cache: TestioCache;
  api: TestioApi;
  close(): Promise<void>;
}

export function makeStack(
  config: Config,
  options: { http?: HttpClientOptions; api?: TestioApiOptions; logger?: Logger } = {},
): Stack {
  const logger = options.logger ?? createSilentLogger();
  const http = new TestioHttpClient({ config, logger }, { ...FAST_RETRY, ...options.http });
  const cache = new TestioCache({ config });
  const api = new TestioApi({ config, logger, testioHttp: http, testioCache: cache }, options.api);
  return { config, http, cache, api, close: () => http.close() };
}

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface ScriptedServer {
  baseUrl: string;
  hits: () => number;
  /** TCP connections the server accepted. */
  connections: () => number;
  requests: Array<{ method: string; url: string; authorization?: string }>;
  close(): Promise<void>;
}

/** A tiny loopback server for answers the sandbox cannot give (HTML, dates, hangs, 408). */
export async function startScripted(handler: Handler): Promise<ScriptedServer> {
  const requests: ScriptedServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization });
    handler(req, res, requests.length);
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/customer/v2`,
    hits: () => requests.length,
    connections: () => connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { toolErrorKind?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { toolErrorKind?: string };
  }
  throw new Error('expected a rejection');
}
