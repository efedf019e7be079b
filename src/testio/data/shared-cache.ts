/**
 * The second tier of the answer cache when REDIS_URL is set: one Keyv store on Redis per tenant
 * (`<prefix>:cache:<tenantId>`), so an answer one replica fetched is a hit on every other. The
 * in-memory tier in front of it keeps entries for at most SHARED_MEMORY_TTL_SECONDS, so a replica
 * never serves a copy much older than what Redis holds; clearing a tenant's cache deletes its
 * Redis keys and tells every replica (pub/sub) to drop its memory copies at once.
 *
 * Redis away: reads answer "not there" within the shared connection's timeout and writes are
 * dropped, so calls go to the API and keep working; nothing is retried later, and no stale copy
 * can appear because every entry carries its TTL.
 */
import type { Keyv } from 'keyv';
import type { SharedRedis } from '../../platform/shared-redis.js';

/** Memory copies of shared entries live at most this long (seconds). */
export const SHARED_MEMORY_TTL_SECONDS = 10;
/** Channel on which "tenant X cleared its cache" is announced to every replica. */
export const CACHE_CLEAR_CHANNEL = 'cache-clear';

export class SharedCacheTier {
  private store?: Promise<Keyv<unknown>>;

  constructor(
    private readonly redis: SharedRedis,
    private readonly tenantId: string,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const store = await this.open();
    return ((await this.redis.attempt(() => store.get(key))) ?? undefined) as T | undefined;
  }

  /** Values in the order of the keys; undefined for each one Redis does not have (or cannot answer). */
  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    const store = await this.open();
    const values = (await this.redis.attempt(() => store.getMany(keys as string[]))) as Array<T | undefined> | undefined;
    return keys.map((_, i) => values?.[i] ?? undefined);
  }

  /** Fire and forget: a write Redis cannot take only means the next replica asks the API. */
  set(key: string, value: unknown, ttlMs: number): void {
    void this.open().then((store) => this.redis.attempt(() => store.set(key, value, ttlMs)));
  }

  delete(key: string): void {
    void this.open().then((store) => this.redis.attempt(() => store.delete(key)));
  }

  /** Deletes this tenant's shared entries and tells the other replicas to drop their memory copies. */
  async clear(): Promise<void> {
    const store = await this.open();
    await this.redis.attempt(() => store.clear());
    await this.redis.publish(CACHE_CLEAR_CHANNEL, this.tenantId);
  }

  private open(): Promise<Keyv<unknown>> {
    this.store ??= this.redis.keyv<unknown>(`cache:${this.tenantId}`);
    return this.store;
  }
}
