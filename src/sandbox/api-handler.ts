/**
 * One /customer/v2 call, in the order a real deployment applies things: count it, wait the
 * configured latency, maybe inject a fault (the proxy layer), check the token, then route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { registerReadRoutes } from './api-routes.js';
import { registerWriteRoutes } from './api-writes.js';
import type { FaultInjector } from './faults.js';
import { ApiError, delay, parseJsonObject, readBody, sendJson } from './http-utils.js';
import { Router } from './router.js';
import type { StatsRecorder } from './stats.js';
import type { SandboxStore } from './store.js';

export const API_PREFIX = '/customer/v2';

/** One token and the data it sees; several let tests serve two tenants from one sandbox. */
export interface SandboxTenant {
  token: string;
  store: SandboxStore;
}

export interface ApiContext {
  /** The default tenant first. */
  tenants: readonly SandboxTenant[];
  stats: StatsRecorder;
  faults: FaultInjector;
  latencyMs: () => number;
  /** Aborted when the server closes, so pending latency waits end at once. */
  closing: AbortSignal;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Token\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function routerFor(store: SandboxStore): Router {
  const router = new Router();
  registerReadRoutes(router, store);
  registerWriteRoutes(router, store);
  return router;
}

export function createApiHandler(context: ApiContext) {
  const routers = context.tenants.map((tenant) => ({ token: tenant.token, router: routerFor(tenant.store) }));
  const router = routers[0]!.router;

  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const match = router.match(method, path);
    context.stats.recordRequest(match.key);

    await delay(context.latencyMs(), context.closing);
    if (context.closing.aborted) return;

    const fault = context.faults.next();
    if (fault) {
      context.stats.recordFault();
      const type = fault.contentType === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
      res.writeHead(fault.status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(fault.body), ...fault.headers });
      res.end(fault.body);
      return;
    }

    try {
      const tenant = routers.find((candidate) => tokenMatches(req.headers.authorization, candidate.token));
      if (!tenant) {
        throw new ApiError(401, 'Unauthorized: send the header "Authorization: Token <your API token>".');
      }
      if (match.kind === 'none') throw new ApiError(404, `Not found: ${method} ${API_PREFIX}${path}`);
      if (match.kind === 'wrong-method') {
        res.setHeader('Allow', match.allowed.join(', '));
        throw new ApiError(405, `Method ${method} is not allowed here; use ${match.allowed.join(' or ')}.`);
      }
      const body = method === 'GET' || method === 'HEAD' ? {} : parseJsonObject(await readBody(req));
      // The same routes over this tenant's own data.
      const own = tenant.router === router ? match : tenant.router.match(method, path);
      if (own.kind !== 'found') throw new ApiError(404, `Not found: ${method} ${API_PREFIX}${path}`);
      const answer = own.handler({ params: match.params, query: url.searchParams, body });
      sendJson(res, answer.status ?? 200, answer.body);
    } catch (error) {
      if (error instanceof ApiError) sendJson(res, error.status, { error: error.message });
      else sendJson(res, 500, { error: 'Internal sandbox error.' });
    }
  };
}
