/**
 * The one Redis connection of a process, when REDIS_URL is set: the state every replica shares
 * (the answer cache; the team server's sessions and rate limits). Without REDIS_URL nothing here
 * loads and `enabled` is false: the embedded default stays memory only.
 *
 * Redis being away must never stall a call: commands fail at once while the connection is down
 * (no offline queue) and each is bounded by a short timeout, so callers fall back to memory or
 * the API; the client reconnects by itself with backoff, and `status()` reads 'degraded' until it
 * is back (for /readyz and get_server_diagnostics).
 */
import type { Keyv } from 'keyv';
import type { Logger } from './logger.js';

export type SharedStateStatus = 'off' | 'ok' | 'degraded';

/** The subset of the node-redis client the project uses (kept small so a test can see it all). */
export interface RedisCommands {
  isReady: boolean;
  publish(channel: string, message: string): Promise<number>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options: { PX: number }): Promise<string | null>;
  del(key: string): Promise<number>;
  duplicate(): RedisCommands;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  on(event: 'error' | 'ready' | 'end', listener: (...args: unknown[]) => void): unknown;
  close(): Promise<void> | void;
  destroy(): void;
}

/** Longest a cache or limit read may wait on Redis before the caller goes on without it. */
export const REDIS_OP_TIMEOUT_MS = 250;
/** Reconnect backoff: 50 ms doubling up to 2 s, for as long as it takes. */
const reconnectDelay = (retries: number) => Math.min(50 * 2 ** retries, 2_000);

export class SharedRedis {
  private connecting?: Promise<RedisCommands>;
  private readonly clients: RedisCommands[] = [];
  private lastError?: string;
  private ready = false;

  constructor(
    private readonly url: string | undefined,
    /** Every key and channel starts with it, so deployments can share one Redis. */
    readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return Boolean(this.url);
  }

  status(): SharedStateStatus {
    if (!this.enabled) return 'off';
    return this.ready ? 'ok' : 'degraded';
  }

  /** Why the last command or connection failed, for diagnostics (never holds credentials). */
  problem(): string | undefined {
    return this.ready ? undefined : this.lastError;
  }

  /** `prefix:part:part`, the one way keys and channels are named. */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** The connected client; resolves at once and keeps reconnecting in the background when Redis is down. */
  client(): Promise<RedisCommands> {
    if (!this.url) return Promise.reject(new Error('REDIS_URL is not set'));
    this.connecting ??= this.open();
    return this.connecting;
  }

  /** A Keyv store on Redis under `prefix:namespace`, for cacheable-style tiers. */
  async keyv<T>(namespace: string): Promise<Keyv<T>> {
    const [{ default: KeyvRedis }, { Keyv }] = await Promise.all([import('@keyv/redis'), import('keyv')]);
    const client = await this.client();
    const store = new KeyvRedis<T>(client as never, { namespace: this.key(namespace), throwOnErrors: true, useUnlink: true });
    const keyv = new Keyv<T>({ store, namespace: this.key(namespace), useKeyPrefix: false });
    keyv.on('error', (error: Error) => this.noteError(error));
    return keyv;
  }

  /** Runs one Redis operation within REDIS_OP_TIMEOUT_MS; undefined (and 'degraded') when it cannot. */
  async attempt<T>(operation: () => Promise<T>): Promise<T | undefined> {
    if (!this.ready) return undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        operation(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_OP_TIMEOUT_MS} ms`)), REDIS_OP_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.noteError(error as Error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async publish(channel: string, message: string): Promise<void> {
    const client = await this.client();
    await this.attempt(() => client.publish(this.key(channel), message));
  }

  /** Messages on `prefix:channel`, on a connection of their own (Redis needs one for subscribing). */
  async subscribe(channel: string, listener: (message: string) => void): Promise<void> {
    const subscriber = (await this.client()).duplicate();
    this.watch(subscriber, false);
    this.clients.push(subscriber);
    // Resubscribes by itself after a reconnect; a failed first connect is retried the same way.
    void subscriber
      .connect()
      .then(() => subscriber.subscribe(this.key(channel), listener))
      .catch((error: Error) => this.noteError(error));
  }

  async close(): Promise<void> {
    const clients = this.clients.splice(0);
    this.connecting = undefined;
    this.ready = false;
    await Promise.all(
      clients.map(async (client) => {
        try {
          await client.close();
        } catch {
          client.destroy();
        }
      }),
    );
  }

  private async open(): Promise<RedisCommands> {
    const { createClient } = await import('@keyv/redis');
    const client = createClient({
      url: this.url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: reconnectDelay },
    }) as unknown as RedisCommands;
    this.watch(client, true);
    this.clients.push(client);
    // Not awaited: with Redis down the server must still start; commands wait for 'ready'.
    void client.connect().catch((error: Error) => this.noteError(error));
    return client;
  }

  private watch(client: RedisCommands, main: boolean): void {
    client.on('error', (error) => this.noteError(error as Error));
    if (!main) return;
    client.on('ready', () => {
      if (!this.ready) this.logger.info('Redis connected', { redis: this.describeUrl() });
      this.ready = true;
      this.lastError = undefined;
    });
    client.on('end', () => (this.ready = false));
  }

  private noteError(error: Error): void {
    const message = error.message || error.name;
    if (this.ready || this.lastError !== message) {
      this.logger.warning('Redis unavailable; serving from memory until it is back', { redis: this.describeUrl(), error: message });
    }
    this.lastError = message;
    // A failed command on a live socket does not mean the connection is gone; the client says so by 'end'/'error'.
    const main = this.clients[0];
    this.ready = Boolean(main?.isReady);
  }

  /** host:port only: a REDIS_URL may carry a password. */
  private describeUrl(): string {
    try {
      const url = new URL(this.url ?? '');
      return `${url.hostname}:${url.port || '6379'}`;
    } catch {
      return 'redis';
    }
  }
}
