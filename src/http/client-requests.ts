/**
 * Requests from a per-request server to the client (elicitation/create) and the client's answers.
 * The server sends its request on the tool call's SSE response; the client answers in a POST of its
 * own, which this endpoint would otherwise hand to a fresh server that never asked. Each server
 * also numbers its requests from 0, so two calls of one session would both ask with id 0. So every
 * outgoing request gets a session-unique id here, and the answer goes back to the server that
 * asked, under the id it used. Only the Transport interface is used (nothing private of the SDK).
 * With replicas (REDIS_URL) the answer may reach another replica: one that has nobody waiting for it
 * relays it on Redis, and the replica whose server asked delivers it.
 */
import { randomUUID } from 'node:crypto';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCRequest, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';

type Waiting = { transport: RoutedTransport; id: RequestId };

/** Where replicas hand each other answers (a Redis channel). */
export interface AnswerRelay {
  publish(message: string): Promise<void>;
  subscribe(listener: (message: string) => void): Promise<void>;
}

type Answer = JSONRPCMessage & { id: RequestId };

/** A response or error from the client: an id and no method. */
export const isClientAnswer = (message: { method?: unknown; id?: unknown }) => message.method === undefined && message.id !== undefined;

export class ClientRequestRouter {
  /** `${sessionId} ${routed id}` -> the server that asked and its own id. */
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly relay?: AnswerRelay) {
    void relay?.subscribe((raw) => {
      try {
        const { sessionId, message } = JSON.parse(raw) as { sessionId: string; message: Answer };
        this.deliverHere(sessionId, message);
      } catch {
        // Not one of ours: ignore.
      }
    });
  }

  /** The transport to connect a per-request server to, in place of `inner`. */
  wrap(inner: Transport, sessionId: string): Transport {
    return new RoutedTransport(inner, sessionId, this.waiting);
  }

  /**
   * Hands the client's answer to the server that asked: here, or through the relay to the replica
   * that asked (an answer to one of our ids only: `srv-…`). False when it is no answer of ours.
   */
  async deliver(sessionId: string, message: Answer): Promise<boolean> {
    if (this.deliverHere(sessionId, message)) return true;
    if (!this.relay || typeof message.id !== 'string' || !message.id.startsWith(ID_PREFIX)) return false;
    await this.relay.publish(JSON.stringify({ sessionId, message }));
    return true;
  }

  private deliverHere(sessionId: string, message: Answer): boolean {
    const key = `${sessionId} ${String(message.id)}`;
    const waiting = this.waiting.get(key);
    if (!waiting) return false;
    this.waiting.delete(key);
    waiting.transport.onmessage?.({ ...message, id: waiting.id } as JSONRPCMessage);
    return true;
  }

  /** Requests still waiting for an answer (tests, diagnostics). */
  pending(): number {
    return this.waiting.size;
  }
}

const ID_PREFIX = 'srv-';

class RoutedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  private readonly mine = new Set<string>();

  constructor(
    private readonly inner: Transport,
    private readonly session: string,
    private readonly waiting: Map<string, Waiting>,
  ) {
    inner.onmessage = (message, extra) => this.onmessage?.(message, extra);
    inner.onerror = (error) => this.onerror?.(error);
    inner.onclose = () => {
      this.forget();
      this.onclose?.();
    };
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (!isJSONRPCRequest(message)) return this.inner.send(message, options);
    const routed = `${ID_PREFIX}${randomUUID()}`;
    const key = `${this.session} ${routed}`;
    this.waiting.set(key, { transport: this, id: message.id });
    this.mine.add(key);
    return this.inner.send({ ...message, id: routed }, options);
  }

  async close(): Promise<void> {
    this.forget();
    await this.inner.close();
  }

  private forget(): void {
    for (const key of this.mine) this.waiting.delete(key);
    this.mine.clear();
  }
}
