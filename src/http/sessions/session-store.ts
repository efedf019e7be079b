/**
 * Our own session record (the SDK transport runs stateless): an id bound to the key that opened
 * it, valid for a fixed time from creation. Behind an interface so a Redis store shared by
 * replicas slots in (scale-out); the memory store is the one-process default.
 */
import { randomBytes } from 'node:crypto';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';

export interface SessionRecord {
  id: string;
  /** The key id that opened it, or '' on a key-less loopback server. */
  keyId: string;
  expiresAt: number;
  /**
   * What the client declared at initialize (`capabilities`): each request's server is handed these,
   * since none but the first sees the handshake (elicitation depends on them).
   */
  clientCapabilities?: ClientCapabilities;
}

export interface SessionStore {
  create(keyId: string, ttlSeconds: number, clientCapabilities?: ClientCapabilities): Promise<SessionRecord>;
  /** The live record, or undefined when unknown or expired. */
  get(id: string): Promise<SessionRecord | undefined>;
  delete(id: string): Promise<void>;
  close(): Promise<void>;
}

export const newSessionId = () => randomBytes(24).toString('base64url');

/** Expired records are swept once a minute, so abandoned sessions cost a few bytes for at most a TTL. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async create(keyId: string, ttlSeconds: number, clientCapabilities?: ClientCapabilities): Promise<SessionRecord> {
    const record = { id: newSessionId(), keyId, expiresAt: Date.now() + ttlSeconds * 1000, ...(clientCapabilities ? { clientCapabilities } : {}) };
    this.sessions.set(record.id, record);
    return record;
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const record = this.sessions.get(id);
    if (record && record.expiresAt <= Date.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return record;
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.sessions.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, record] of this.sessions) if (record.expiresAt <= now) this.sessions.delete(id);
  }
}
