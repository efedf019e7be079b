/**
 * Hands each request read by the guarded stdio transport straight to the SDK's request dispatcher.
 *
 * Why: the SDK's `Protocol` classifies every incoming message by trying its JSON-RPC response and
 * error schemas before the request schema. For a request both fail, and each failure builds a zod
 * error with a stack trace: about a tenth of a cached call's CPU in a profile of the built server.
 * The transport has already validated the message against the SDK's own `JSONRPCMessageSchema`
 * (jsonrpc-line.ts), under which an object with both `method` and `id` can only be a request (the
 * notification and response schemas are strict and forbid one of the two), so that classification
 * is repeated work, not a check. Notifications and responses still take the SDK's path.
 *
 * `_onrequest` is the SDK's internal dispatcher (the method its own classifier calls); when an SDK
 * version no longer has it, nothing is rewired and every message takes the SDK's path.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { JSONRPCMessage, JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';

type RequestDispatcher = (request: JSONRPCRequest, extra?: unknown) => void;

/** For a message that passed JSONRPCMessageSchema: is it a request? */
export const isValidatedRequest = (message: JSONRPCMessage): message is JSONRPCRequest => 'method' in message && 'id' in message;

/** The SDK server's own request dispatcher, bound, or undefined when this SDK version has none. */
export function requestDispatcherOf(server: Server): ((request: JSONRPCRequest) => void) | undefined {
  const dispatch = (server as unknown as { _onrequest?: RequestDispatcher })._onrequest;
  return typeof dispatch === 'function' ? (request) => dispatch.call(server, request, undefined) : undefined;
}
