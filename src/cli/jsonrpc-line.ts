/**
 * One line read from stdin, judged as JSON-RPC: a message for the server, or the error response
 * the JSON-RPC 2.0 spec prescribes (-32700 parse error, -32600 invalid request, -32602 invalid
 * params) so that a malformed message is answered instead of silently dropped.
 *
 * An error whose request id cannot be determined carries no id: MCP's schema (and the SDK) allow
 * the id to be absent, where plain JSON-RPC would send null, which SDK clients refuse to parse.
 */
import { ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';

export type Judged = { kind: 'message'; message: JSONRPCMessage } | { kind: 'refused'; replies: JSONRPCMessage[]; reason: string } | { kind: 'blank' };

export function errorReply(code: number, message: string, id?: RequestId): JSONRPCMessage {
  return { jsonrpc: '2.0', ...(id === undefined ? {} : { id }), error: { code, message } } as JSONRPCMessage;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (value: unknown): RequestId | undefined =>
  isRecord(value) && (typeof value.id === 'string' || (typeof value.id === 'number' && Number.isInteger(value.id))) ? (value.id as RequestId) : undefined;

export function judgeLine(line: string): Judged {
  if (line.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return refuse(errorReply(ErrorCode.ParseError, 'Parse error: the message is not valid JSON. Send one JSON-RPC object per line.'), 'invalid JSON');
  }
  if (Array.isArray(value)) {
    // MCP dropped JSON-RPC batching: answer each request in it, so no caller waits forever.
    const message = 'Invalid Request: batch arrays are not supported by MCP. Send one JSON-RPC object per line.';
    const ids = value.map(idOf).filter((id): id is RequestId => id !== undefined);
    const replies = ids.length > 0 ? ids.map((id) => errorReply(ErrorCode.InvalidRequest, message, id)) : [errorReply(ErrorCode.InvalidRequest, message)];
    return { kind: 'refused', replies, reason: `a batch of ${value.length}` };
  }
  if (!isRecord(value)) return refuse(errorReply(ErrorCode.InvalidRequest, 'Invalid Request: a JSON-RPC message must be a JSON object.'), 'not an object');
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (parsed.success) return { kind: 'message', message: parsed.data };
  const id = idOf(value);
  if (typeof value.method === 'string' && value.params !== undefined && !isRecord(value.params)) {
    return refuse(errorReply(ErrorCode.InvalidParams, `Invalid params: "params" of ${value.method} must be an object.`, id), 'non-object params');
  }
  const why = value.jsonrpc !== '2.0' ? '"jsonrpc" must be "2.0"' : 'it is neither a request, a notification nor a response';
  return refuse(errorReply(ErrorCode.InvalidRequest, `Invalid Request: ${why}.`, id), why);
}

function refuse(reply: JSONRPCMessage, reason: string): Judged {
  return { kind: 'refused', replies: [reply], reason };
}

/**
 * The top-level "id" of a JSON object from its first bytes (an oversized message is never parsed
 * whole), or undefined. Only depth 1 counts: an "id" inside params must not answer the wrong call.
 */
export function topLevelId(head: string): RequestId | undefined {
  let depth = 0;
  for (let i = 0; i < head.length; i += 1) {
    const ch = head[i];
    if (ch === '"') {
      const end = stringEnd(head, i);
      if (end < 0) return undefined;
      if (depth === 1 && head.slice(i, end + 1) === '"id"') {
        const rest = /^\s*:\s*(-?\d+|"(?:[^"\\]|\\.){0,200}")/.exec(head.slice(end + 1));
        if (rest) return rest[1].startsWith('"') ? (JSON.parse(rest[1]) as string) : Number(rest[1]);
      }
      i = end;
    } else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') depth -= 1;
  }
  return undefined;
}

/** Index of the quote closing the string that opens at `start`, or -1 when it runs past the text. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return -1;
}
