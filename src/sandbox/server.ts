/**
 * startSandbox: a real node:http server on loopback serving the Customer API, the demo store and
 * the /__sandbox/* control endpoints. It logs nothing: stdout may be the MCP protocol.
 */
import { setMaxListeners } from 'node:events';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, createApiHandler } from './api-handler.js';
import { DEFAULT_SEED, generateSandboxData } from './data.js';
import { DemoEventLog } from './demo-events.js';
import { createDemoHandler } from './demo-site.js';
import { FaultInjector } from './faults.js';
import { ApiError, sendJson } from './http-utils.js';
import { StatsRecorder, type SandboxStats } from './stats.js';
import { SandboxStore } from './store.js';
import type { SandboxSize } from './sizes.js';
import type { SandboxData } from './types.js';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delay before every API answer, default 0. */
  latencyMs?: number;
  /** Share of API calls answered with 429/5xx, 0..1, default 0. */
  faultRate?: number;
  /** Data and fault seed, default 42. */
  seed?: number;
  /** `default`, or `large` for about 10,000 tests and 200,000 bugs. */
  size?: SandboxSize;
  /** API token; default derived from the seed ('sbx_' + hex). */
  token?: string;
  /** More tenants: each seed's own data behind its own token (sandboxToken(seed)), beside the default one. */
  extraTenantSeeds?: number[];
}

export interface SandboxHandle {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/customer/v2' */
  baseUrl: string;
  token: string;
  /** The extra tenants' tokens and data, in the order of extraTenantSeeds. */
  extraTenants: Array<{ seed: number; token: string; data: SandboxData }>;
  port: number;
  /** The live dataset; API writes change it. */
  data: SandboxData;
  stats(): SandboxStats;
  resetStats(): void;
  setFaultRate(rate: number): void;
  setLatency(ms: number): void;
  /** Closes the server and its open keep-alive sockets at once. */
  close(): Promise<void>;
}

/** The token a sandbox with this seed uses unless one is given. */
export function sandboxToken(seed: number): string {
  return `sbx_${createHash('sha256').update(`testio-mcp-sandbox:${seed}`).digest('hex').slice(0, 32)}`;
}

function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latencyMs must be a number of milliseconds >= 0 (got ${ms}).`);
  return ms;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer (got ${seed}).`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`port must be 0..65535 (got ${port}).`);
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? sandboxToken(seed);
  let latencyMs = checkLatency(options.latencyMs ?? 0);
  const faults = new FaultInjector(seed, options.faultRate ?? 0);

  const data = generateSandboxData(seed, { size: options.size });
  const stats = new StatsRecorder();
  const events = new DemoEventLog();
  const closing = new AbortController();
  // Every request waiting out the latency listens here: dozens at once is normal, not a leak.
  setMaxListeners(0, closing.signal);
  const extraTenants = (options.extraTenantSeeds ?? []).map((extraSeed) => ({ seed: extraSeed, token: sandboxToken(extraSeed), data: generateSandboxData(extraSeed, { size: options.size }) }));
  const tenants = [{ token, store: new SandboxStore(data) }, ...extraTenants.map((tenant) => ({ token: tenant.token, store: new SandboxStore(tenant.data) }))];
  const handleApi = createApiHandler({ tenants, stats, faults, latencyMs: () => latencyMs, closing: closing.signal });
  const handleDemo = createDemoHandler(events, closing.signal);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Prefixing (rather than resolving against a base) keeps '//x' a path, not a host.
    const url = new URL(`http://sandbox.local${(req.url ?? '/').startsWith('/') ? req.url : '/'}`);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return handleApi(req, res, url);
    if (path === '/demo' || path.startsWith('/demo/')) return handleDemo(req, res, url);
    if (path === '/__sandbox/stats' && method === 'GET') return sendJson(res, 200, stats.snapshot());
    if (path === '/__sandbox/demo-events' && method === 'GET') return sendJson(res, 200, { events: events.list() });
    if (path === '/__sandbox/demo-events' && method === 'DELETE') {
      events.clear();
      return sendJson(res, 200, { events: [] });
    }
    if (path === '/' && method === 'GET') {
      return sendJson(res, 200, { name: 'testio-mcp sandbox', api: API_PREFIX, demo: '/demo/', stats: '/__sandbox/stats', demo_events: '/__sandbox/demo-events' });
    }
    sendJson(res, 404, { error: `Not found: ${method} ${path}` });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof ApiError) sendJson(res, error.status, { error: error.message });
      else sendJson(res, 500, { error: 'Internal sandbox error.' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${actualPort}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    baseUrl: `${url}${API_PREFIX}`,
    token,
    extraTenants,
    port: actualPort,
    data,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaultRate: (rate) => faults.setRate(rate),
    setLatency: (ms) => {
      latencyMs = checkLatency(ms);
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold close() for seconds.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
