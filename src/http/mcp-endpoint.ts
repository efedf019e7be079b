/**
 * POST/GET/DELETE /mcp. The SDK transport runs stateless: each POST gets its own transport and
 * McpServer bound to the request's caller, closed when the response ends, so an abandoned session
 * costs nothing but its record. Sessions are ours (SessionStore). A cancellation arrives in a POST
 * of its own: it is handed to the transport still serving the request it cancels.
 *
 * Elicitation: the session record keeps the capabilities the client declared at initialize, and each
 * request's server is given them (only the first server sees the handshake). A server's request to
 * the client goes out on the tool call's SSE response; the client's answer, a POST of its own, is
 * routed back to that server (client-requests.ts). A JSON-only response carries no such request,
 * so a client that accepts only JSON gets the confirmation token instead.
 */
import type { Request, RequestHandler, Response } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, type ClientCapabilities, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { App } from '../platform/app.js';
import type { Caller } from '../platform/caller.js';
import type { Logger } from '../platform/logger.js';
import { ClientRequestRouter, isClientAnswer, type AnswerRelay } from './client-requests.js';
import { sendRpcError, SESSION_EXPIRED, sessionExpiredData } from './rpc-errors.js';
import { SessionsUnavailable } from './sessions/redis-session-store.js';
import type { SessionRecord, SessionStore } from './sessions/session-store.js';

export interface McpEndpointDeps {
  app: App;
  sessions: SessionStore;
  sessionTtlSeconds: number;
  logger: Logger;
  /** True once SIGTERM arrived: no new sessions. */
  draining: () => boolean;
  /** With replicas: how an elicitation answer reaches the replica whose server asked. */
  answerRelay?: AnswerRelay;
}

type Message = { method?: string; id?: string | number; params?: { requestId?: string | number; capabilities?: ClientCapabilities } };

const callerOf = (res: Response) => res.locals.caller as Caller;

/** Clients that accept only JSON get JSON; the SDK insists on both types, so SSE-less clients are told JSON. */
function negotiate(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  const wantsStream = accept.includes('text/event-stream');
  if (!wantsStream) req.headers.accept = 'application/json, text/event-stream';
  return !wantsStream;
}

/** Redis cannot vouch for a session: 503 with Retry-After, so clients retry rather than reconnect. */
async function orUnavailable<T>(res: Response, id: unknown, operation: () => Promise<T>): Promise<T | undefined> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof SessionsUnavailable)) throw error;
    res.setHeader('Retry-After', '2');
    sendRpcError(res, 503, error.message, { code: -32000, id });
    return undefined;
  }
}

export function mcpEndpoint(deps: McpEndpointDeps): { post: RequestHandler; get: RequestHandler; delete: RequestHandler } {
  /** `${sessionId} ${requestId}` -> the transport serving that request. */
  const inFlight = new Map<string, StreamableHTTPServerTransport>();
  const clientRequests = new ClientRequestRouter(deps.answerRelay);

  async function checkSession(req: Request, res: Response, id?: unknown): Promise<SessionRecord | undefined> {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId !== 'string' || !sessionId) {
      sendRpcError(res, 400, 'Bad Request: Mcp-Session-Id header is required (send initialize first)', { code: -32000, id });
      return undefined;
    }
    const record = await orUnavailable(res, id, () => deps.sessions.get(sessionId));
    if (res.headersSent) return undefined;
    // Unknown, expired and another key's session look the same: nothing to learn by probing.
    if (!record || record.keyId !== (callerOf(res).keyId ?? '')) {
      sendRpcError(res, 404, SESSION_EXPIRED, { data: sessionExpiredData(deps.sessionTtlSeconds), id });
      return undefined;
    }
    return record;
  }

  const post: RequestHandler = async (req, res) => {
    const body = req.body as unknown;
    const messages = (Array.isArray(body) ? body : [body]) as Message[];
    const firstId = messages[0]?.id;
    let sessionId: string;
    // What the client declared at initialize, for a server that does not see the handshake.
    let clientCapabilities: ClientCapabilities | undefined;
    const initialize = messages.find((m) => isInitializeRequest(m));
    if (initialize) {
      if (deps.draining()) return sendRpcError(res, 503, 'Server is shutting down; reconnect in a moment.', { code: -32000, id: firstId });
      const record = await orUnavailable(res, firstId, () => deps.sessions.create(callerOf(res).keyId ?? '', deps.sessionTtlSeconds, initialize.params?.capabilities));
      if (!record) return;
      sessionId = record.id;
      res.setHeader('Mcp-Session-Id', sessionId);
    } else {
      const record = await checkSession(req, res, firstId);
      if (!record) return;
      sessionId = record.id;
      clientCapabilities = record.clientCapabilities ?? {};
    }

    // Cancellations go to the transport of the request they cancel, answers to an elicitation to
    // the server that asked (both came in another POST).
    const rest: Message[] = [];
    for (const message of messages) {
      const target = message.method === 'notifications/cancelled' ? inFlight.get(`${sessionId} ${message.params?.requestId}`) : undefined;
      if (target) target.onmessage?.(message as JSONRPCMessage);
      else if (isClientAnswer(message) && (await clientRequests.deliver(sessionId, message as JSONRPCMessage & { id: RequestId }))) continue;
      else rest.push(message);
    }
    if (rest.length === 0) {
      res.status(202).end();
      return;
    }

    const jsonOnly = negotiate(req);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: jsonOnly });
    // A JSON response cannot carry a request to the client: no elicitation then.
    if (clientCapabilities && jsonOnly) clientCapabilities = { ...clientCapabilities, elicitation: undefined };
    const mcp = deps.app.createServer(callerOf(res), clientCapabilities ? { clientCapabilities } : undefined);
    const keys = rest.filter((m) => m.method && m.id !== undefined).map((m) => `${sessionId} ${m.id}`);
    for (const key of keys) inFlight.set(key, transport);
    res.on('close', () => {
      for (const key of keys) if (inFlight.get(key) === transport) inFlight.delete(key);
      void transport.close().catch(() => undefined);
      void mcp.close().catch(() => undefined);
    });
    try {
      await mcp.connect(clientRequests.wrap(transport, sessionId));
      await transport.handleRequest(req, res, Array.isArray(body) ? rest : rest[0]);
    } catch (error) {
      deps.logger.error('MCP request failed', { error: (error as Error).message });
      sendRpcError(res, 500, 'Internal server error', { code: -32603, id: firstId });
    }
  };

  // No standalone server-to-client stream: nothing is ever pushed outside a request (spec: 405 is allowed).
  const get: RequestHandler = (_req, res) => {
    res.setHeader('Allow', 'POST, DELETE');
    sendRpcError(res, 405, 'Method Not Allowed: this server sends no messages outside a request.', { code: -32000 });
  };

  const remove: RequestHandler = async (req, res) => {
    const record = await checkSession(req, res);
    if (!record) return;
    await orUnavailable(res, undefined, () => deps.sessions.delete(record.id));
    if (!res.headersSent) res.status(204).end();
  };

  return { post, get, delete: remove };
}
