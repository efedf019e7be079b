/**
 * The team server: Express 5 in front of the MCP endpoint. Order per request: request id and
 * access log, Host and Origin checks, CORS, ops routes, then for /mcp the API key, the rate limit,
 * the 4 MB body and the session. Drains on demand: /readyz 503, no new sessions, in-flight
 * requests finish, then the listener closes.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { App } from '../platform/app.js';
import type { Caller } from '../platform/caller.js';
import type { Logger } from '../platform/logger.js';
import type { SharedStateStatus } from '../platform/shared-redis.js';
import { callerFromRequest } from './caller-from-request.js';
import { cors, hostCheck, noOAuthDiscovery, originCheck, type HygieneOptions } from './hygiene.js';
import type { KeyStore } from './keys/key-store.js';
import type { RequestLimiter } from './limits/request-limiter.js';
import { mcpEndpoint } from './mcp-endpoint.js';
import type { AnswerRelay } from './client-requests.js';
import type { ServerMetrics } from './metrics.js';
import type { RecordingLinks } from './recording-links.js';
import { recordingRoute, type RecordingReader } from './recording-route.js';
import { rateLimitMessage, sendRpcError } from './rpc-errors.js';
import type { SessionStore } from './sessions/session-store.js';

export const BODY_LIMIT = '4mb';

export interface TeamServerDeps {
  app: App;
  logger: Logger;
  keys: KeyStore;
  sessions: SessionStore;
  limiter: RequestLimiter;
  metrics: ServerMetrics;
  hygiene: HygieneOptions;
  port: number;
  sessionTtlSeconds: number;
  /** Redis as the shared state sees it ('off' without REDIS_URL); absent = 'off'. */
  sharedState?: () => SharedStateStatus;
  /** PostgreSQL (DATABASE_URL) as the Testr store sees it; absent = 'off'. */
  database?: () => Promise<'ok' | 'down' | 'off'>;
  /** With replicas: elicitation answers between them (mcp-endpoint.ts). */
  answerRelay?: AnswerRelay;
  /** The server's own TestIO token (TESTIO_CUSTOMER_API_TOKEN), the last fallback. */
  serverToken: () => string | undefined;
  /** Signed recording links (gif_url) and how to read a user's recording. */
  recordings?: { links: RecordingLinks; read: RecordingReader };
}

export interface TeamServer {
  url: string;
  port: number;
  /** Stops new sessions, lets in-flight requests finish (up to graceMs), closes the listener. */
  drain(graceMs: number): Promise<void>;
}

export async function startTeamServer(deps: TeamServerDeps): Promise<TeamServer> {
  const { logger, metrics } = deps;
  let draining = false;
  let active = 0;
  let idle: (() => void) | undefined;

  const web = express();
  web.disable('x-powered-by');

  const accessLog: RequestHandler = (req, res, next) => {
    const requestId = randomUUID();
    const started = performance.now();
    res.setHeader('X-Request-Id', requestId);
    res.locals.requestId = requestId;
    active += 1;
    res.on('close', () => {
      active -= 1;
      const route = req.path === '/mcp' ? '/mcp' : req.path.startsWith('/recordings/') ? '/recordings' : req.path;
      metrics.request(route, res.statusCode);
      const caller = res.locals.caller as Caller | undefined;
      // The key id and the tenant hash, never the key or the token.
      logger.info('HTTP request', { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started), keyId: caller?.keyId, userId: caller?.userId, tenantId: caller?.tenantId });
      if (active === 0) idle?.();
    });
    next();
  };
  web.use(accessLog);
  web.use(hostCheck(deps.hygiene));
  web.use(originCheck(deps.hygiene));
  web.use(cors(deps.hygiene));

  web.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  // Redis down is 200 'degraded', not 503: every replica shares one Redis, so 503 would make the load
  // balancer pull the whole fleet at once, while each replica still serves (memory, API, grace).
  // PostgreSQL down is 'degraded' too, for the same reason (one database behind every replica); the
  // TestIO tools still answer, Testr calls fail with the database's error until it is back.
  web.get('/readyz', async (_req, res) => {
    const redis = deps.sharedState?.() ?? 'off';
    const database = deps.database ? await withDeadline(deps.database(), 2_000, 'down' as const) : 'off';
    const status = draining ? 'draining' : redis === 'degraded' || database === 'down' ? 'degraded' : 'ready';
    res.status(draining ? 503 : 200).json({ status, redis, ...(database !== 'off' && { database }) });
  });
  web.get('/metrics', async (_req, res) => {
    res.type('text/plain; version=0.0.4').send(await metrics.text());
  });
  web.use('/.well-known', noOAuthDiscovery);
  // The signed link is the credential here (an image viewer sends no API key): see recording-route.ts.
  if (deps.recordings) web.get('/recordings/:file', recordingRoute({ ...deps.recordings, logger }));

  const authenticate: RequestHandler = (req, res, next) => {
    let result;
    try {
      result = callerFromRequest(req, deps.keys, deps.serverToken(), deps.app);
    } catch (error) {
      logger.error('Keys file unreadable', { error: (error as Error).message });
      return sendRpcError(res, 500, 'Server error: the keys file cannot be read; the operator must fix it.', { code: -32603 });
    }
    if (!result.ok) return sendRpcError(res, 401, result.message);
    res.locals.caller = result.caller;
    next();
  };

  const rateLimit: RequestHandler = async (req, res, next) => {
    const caller = res.locals.caller as Caller;
    const decision = await deps.limiter.consume(caller.keyId ? `key:${caller.keyId}` : `addr:${req.socket.remoteAddress ?? 'unknown'}`);
    if (decision.allowed) return next();
    res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    sendRpcError(res, 429, rateLimitMessage(deps.limiter.perMinute, decision.retryAfterSeconds));
  };

  const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
    if (error?.type === 'entity.too.large') return sendRpcError(res, 413, `Payload Too Large: request bodies are limited to ${BODY_LIMIT.replace('mb', ' MB')}.`, { code: -32600 });
    if (error?.type === 'entity.parse.failed') return sendRpcError(res, 400, 'Parse error: Invalid JSON', { code: -32700 });
    next(error);
  };

  const endpoint = mcpEndpoint({ app: deps.app, sessions: deps.sessions, sessionTtlSeconds: deps.sessionTtlSeconds, logger, draining: () => draining, answerRelay: deps.answerRelay });
  const json = express.json({ limit: BODY_LIMIT, type: () => true });
  web.post('/mcp', authenticate, rateLimit, json, bodyErrors, endpoint.post);
  web.get('/mcp', authenticate, rateLimit, endpoint.get);
  web.delete('/mcp', authenticate, rateLimit, endpoint.delete);

  const last: ErrorRequestHandler = (error: Error, _req, res, _next) => {
    logger.error('HTTP handler failed', { error: error.message });
    sendRpcError(res, 500, 'Internal server error', { code: -32603 });
  };
  web.use(last);

  const server: Server = await new Promise((resolve, reject) => {
    const listening = web.listen(deps.port, deps.hygiene.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = deps.hygiene.host.includes(':') ? `[${deps.hygiene.host}]` : deps.hygiene.host;

  return {
    url: `http://${shownHost}:${port}/mcp`,
    port,
    drain: async (graceMs) => {
      draining = true;
      server.close();
      server.closeIdleConnections();
      if (active > 0) await new Promise<void>((resolve) => {
        idle = resolve;
        setTimeout(resolve, graceMs).unref();
      });
      server.closeAllConnections();
    },
  };
}

/** The value of `promise`, or `fallback` when it takes longer than `ms` or fails. */
async function withDeadline<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise.catch(() => fallback), new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
