/**
 * The MCP stdio transport of `serve`, in place of the SDK's: newline-delimited JSON-RPC on
 * stdin/stdout, with three differences that keep the server alive and honest.
 *
 * - A message over the size limit is answered with a JSON-RPC error and skipped up to its end of
 *   line, holding only its first bytes; the SDK transport instead closed itself and paused stdin,
 *   leaving a server that neither answered nor noticed stdin closing.
 * - Malformed lines get the error response the spec prescribes (see ./jsonrpc-line.ts), not silence.
 * - `ended` resolves once, with the reason the connection ended (stdin closed, a read or write
 *   failed, or the server closed it), so the process can shut down cleanly and say why. When only
 *   stdin ended, answers to calls still in flight are written until the server closes.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, type JSONRPCMessage, type JSONRPCRequest, type JSONRPCResponse } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../platform/logger.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { isValidatedRequest, requestDispatcherOf } from './direct-requests.js';
import { errorReply, judgeLine, topLevelId } from './jsonrpc-line.js';
import { serializedOf } from '../platform/serialized-answer.js';

/** The SDK's own limit (STDIO_DEFAULT_MAX_BUFFER_SIZE), kept so clients see the same bound. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** How much of an oversized message is kept to find its id. */
const HEAD_BYTES = 4096;
const NEWLINE = 0x0a;

export interface GuardedStdioOptions {
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  maxMessageBytes?: number;
  logger: Logger;
}

/** One line of JSON; a result that carries its own JSON (a repeated answer) is not serialised again. */
function serialise(message: JSONRPCMessage): string {
  const json = 'result' in message ? serializedOf(message.result) : undefined;
  return json === undefined ? JSON.stringify(message) : `{"result":${json},"jsonrpc":"2.0","id":${JSON.stringify((message as JSONRPCResponse).id)}}`;
}

export class GuardedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Resolves once, with the reason the connection ended. */
  readonly ended: Promise<string>;

  private readonly stdin: NodeJS.ReadableStream;
  private readonly stdout: NodeJS.WritableStream;
  private readonly max: number;
  private readonly logger: Logger;
  private parts: Buffer[] = [];
  private size = 0;
  /** Inside an oversized line: drop bytes until its newline. */
  private skipping = false;
  private reading = false;
  private writable = true;
  private isClosed = false;
  private resolveEnded!: (reason: string) => void;
  /** Where requests go when set (see ./direct-requests.ts); everything else goes to onmessage. */
  private dispatchRequest?: (request: JSONRPCRequest) => void;

  constructor(options: GuardedStdioOptions) {
    this.stdin = options.stdin ?? process.stdin;
    this.stdout = options.stdout ?? process.stdout;
    this.max = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    this.logger = options.logger;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  private readonly onData = (chunk: Buffer) => this.read(chunk);
  private readonly onEnd = () => this.stopReading('stdin closed');
  private readonly onReadError = (error: Error) => this.stopReading(`stdin failed: ${error.message}`);
  private readonly onWriteError = (error: Error) => {
    this.writable = false;
    this.stopReading(`stdout failed: ${error.message}`);
  };

  async start(): Promise<void> {
    this.reading = true;
    this.stdin.on('data', this.onData);
    this.stdin.on('end', this.onEnd);
    this.stdin.on('close', this.onEnd);
    this.stdin.on('error', this.onReadError);
    this.stdout.on('error', this.onWriteError);
  }

  /**
   * After `server.connect(this)`: requests skip the SDK's re-classification of each message and go
   * to its request dispatcher (./direct-requests.ts). Returns false when the SDK offers none.
   */
  dispatchRequestsTo(server: Server): boolean {
    this.dispatchRequest = requestDispatcherOf(server);
    return this.dispatchRequest !== undefined;
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.isClosed || !this.writable) return Promise.reject(new Error('The stdio transport is closed.'));
    return new Promise((resolve) => {
      if (this.stdout.write(`${serialise(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.stopReading('the server closed the connection');
    this.stdout.off('error', this.onWriteError);
    this.onclose?.();
  }

  /** No more input: say why, once. Writing stays possible until close(). */
  private stopReading(reason: string): void {
    if (!this.reading) return;
    this.reading = false;
    this.stdin.off('data', this.onData);
    this.stdin.off('end', this.onEnd);
    this.stdin.off('close', this.onEnd);
    this.stdin.off('error', this.onReadError);
    this.parts = [];
    this.resolveEnded(reason);
  }

  private read(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length && this.reading) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!this.skipping) this.collect(chunk.subarray(start, end));
      if (newline === -1) return;
      start = newline + 1;
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      const line = Buffer.concat(this.parts, this.size).toString('utf8');
      this.parts = [];
      this.size = 0;
      this.handle(line);
    }
  }

  private collect(piece: Buffer): void {
    if (this.size + piece.length <= this.max) {
      this.parts.push(piece);
      this.size += piece.length;
      return;
    }
    const head = Buffer.concat([...this.parts, piece.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES).toString('utf8');
    this.parts = [];
    this.size = 0;
    this.skipping = true;
    const limit = `${Math.round(this.max / 1024 / 1024)} MB`;
    const id = topLevelId(head);
    this.logger.warning(`Refused a message larger than ${limit}; the server keeps serving`, { id: id ?? null });
    this.reply(errorReply(ErrorCode.InvalidRequest, `Invalid Request: the message is larger than ${limit}, the most this server reads. Send less per message (e.g. shorter arguments).`, id));
  }

  private handle(line: string): void {
    const judged = judgeLine(line.replace(/\r$/, ''));
    if (judged.kind === 'blank') return;
    if (judged.kind === 'message') {
      if (this.dispatchRequest && isValidatedRequest(judged.message)) this.dispatchRequest(judged.message);
      else this.onmessage?.(judged.message);
      return;
    }
    this.logger.warning(`Refused a malformed message (${judged.reason})`);
    for (const reply of judged.replies) this.reply(reply);
  }

  private reply(message: JSONRPCMessage): void {
    this.send(message).catch((error: Error) => this.onerror?.(error));
  }
}
