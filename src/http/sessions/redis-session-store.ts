/**
 * Sessions shared by every replica (REDIS_URL set): `<prefix>:session:<id>` holds the record with
 * PX expiry = the session's remaining TTL, so replica B accepts what replica A opened.
 *
 * Redis away: a session is never accepted unless it was verified as bound to its key. New sessions
 * are refused (SessionsUnavailable -> 503 + Retry-After): one made in memory would be unknown to
 * every other replica. A session this replica itself created or read from Redis within the last
 * VERIFIED_GRACE_MS stays usable here through the outage (its binding was checked then); any other
 * session id is refused with 503 until Redis answers again.
 */
import type { SharedRedis } from '../../platform/shared-redis.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { newSessionId, type SessionRecord, type SessionStore } from './session-store.js';

/** How long a binding this replica verified stays trusted while Redis cannot be asked. */
export const VERIFIED_GRACE_MS = 60_000;

export class SessionsUnavailable extends Error {
  constructor() {
    super('Service unavailable: sessions cannot be verified while Redis is unreachable. Retry in a few seconds.');
  }
}

export class RedisSessionStore implements SessionStore {
  /** id -> the record and when this replica last saw it in Redis. */
  private readonly verified = new Map<string, { record: SessionRecord; at: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), VERIFIED_GRACE_MS).unref();

  constructor(private readonly redis: SharedRedis) {}

  async create(keyId: string, ttlSeconds: number, clientCapabilities?: ClientCapabilities): Promise<SessionRecord> {
    const record = { id: newSessionId(), keyId, expiresAt: Date.now() + ttlSeconds * 1000, ...(clientCapabilities ? { clientCapabilities } : {}) };
    const client = await this.redis.client();
    const stored = await this.redis.attempt(() => client.set(this.redis.key('session', record.id), JSON.stringify(record), { PX: ttlSeconds * 1000 }));
    if (stored === undefined) throw new SessionsUnavailable();
    this.verified.set(record.id, { record, at: Date.now() });
    return record;
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const client = await this.redis.client();
    const raw = await this.redis.attempt(() => client.get(this.redis.key('session', id)));
    if (raw === undefined) return this.fromGrace(id);
    if (raw === null) {
      this.verified.delete(id);
      return undefined;
    }
    const record = parse(raw);
    // Bound to its key id exactly as the memory store: the stored id must be the one asked for.
    if (!record || record.id !== id || record.expiresAt <= Date.now()) return undefined;
    this.verified.set(id, { record, at: Date.now() });
    return record;
  }

  async delete(id: string): Promise<void> {
    this.verified.delete(id);
    const client = await this.redis.client();
    if ((await this.redis.attempt(() => client.del(this.redis.key('session', id)))) === undefined) throw new SessionsUnavailable();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.verified.clear();
  }

  private fromGrace(id: string): SessionRecord {
    const seen = this.verified.get(id);
    if (!seen || Date.now() - seen.at > VERIFIED_GRACE_MS || seen.record.expiresAt <= Date.now()) throw new SessionsUnavailable();
    return seen.record;
  }

  private sweep(): void {
    const oldest = Date.now() - VERIFIED_GRACE_MS;
    for (const [id, seen] of this.verified) if (seen.at < oldest) this.verified.delete(id);
  }
}

function parse(raw: string): SessionRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<SessionRecord>;
    if (typeof value.id === 'string' && typeof value.keyId === 'string' && typeof value.expiresAt === 'number') {
      const capabilities = value.clientCapabilities && typeof value.clientCapabilities === 'object' ? { clientCapabilities: value.clientCapabilities } : {};
      return { id: value.id, keyId: value.keyId, expiresAt: value.expiresAt, ...capabilities };
    }
  } catch {
    // A record we cannot read is no session.
  }
  return undefined;
}
