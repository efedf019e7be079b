/**
 * In-memory cache of TestIO answers, one `cacheable` store per kind with its own TTL (0 turns a
 * kind off). Concurrent loads of one key share a single loader run. Counts hits, misses and
 * evictions (entries that expired, were pushed out by the size bound, or were cleared).
 */
import { createRequire } from 'node:module';
import type { CacheableMemory } from 'cacheable';
import type { Config } from '../../platform/config.js';
import { Coalescer } from './coalesce.js';
import { SHARED_MEMORY_TTL_SECONDS, type SharedCacheTier } from './shared-cache.js';

export const CACHE_KINDS = ['products', 'tests', 'bugs'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

export interface CacheCounters {
  hits: number;
  misses: number;
  /** hits / (hits + misses); null before the first lookup. */
  hitRate: number | null;
  entries: number;
  evictions: number;
}

export interface KindStats extends CacheCounters {
  /** The configured TTL of this kind in seconds; 0 = not cached. */
  ttlSeconds: number;
}

export interface CacheStats {
  overall: CacheCounters;
  kinds: Record<CacheKind, KindStats>;
}

/** Seconds; a function decides from the loaded value (immutable tests live longer). */
export type TtlOverride<T> = number | ((value: T) => number | undefined);

export interface CacheOptions {
  /** Entries per kind before the least recently used is dropped. */
  maxEntriesPerKind?: number;
  /** The tenant whose answers these are (a tenantId, never a token); prefixes every key. */
  namespace?: string;
  /** A second tier shared by every replica (Redis); memory copies then live briefly. */
  shared?: SharedCacheTier;
}

interface KindState {
  store: CacheableMemory;
  /** Keys we stored and have not yet seen leave; lets us count evictions. */
  tracked: Set<string>;
  hits: number;
  misses: number;
  evictions: number;
}

/**
 * `cacheable` loads when the cache is first touched, not at start-up; the cache API is synchronous,
 * so it is required (its CommonJS build) rather than imported.
 */
let CacheableMemoryClass: typeof CacheableMemory | undefined;
function newStore(lruSize: number): CacheableMemory {
  CacheableMemoryClass ??= (createRequire(import.meta.url)('cacheable') as typeof import('cacheable')).CacheableMemory;
  // No cloning: values are treated as read-only by every reader. One hash store: with the default
  // 16, every get hashed its key to pick one (3-4% of a cached call's CPU in a profile).
  return new CacheableMemoryClass({ useClone: false, lruSize, storeHashSize: 1 });
}

interface Boxed<T> {
  value: T;
}

export class TestioCache {
  private readonly config: Config;
  private readonly lruSize: number;
  private state?: Record<CacheKind, KindState>;
  private readonly loads = new Coalescer<unknown>();
  /** Every key starts with it, so a store shared by tenants (or a dump of one) never mixes them. */
  private readonly prefix: string;
  private readonly shared?: SharedCacheTier;

  constructor({ config }: { config: Config }, options: CacheOptions = {}) {
    this.config = config;
    this.lruSize = options.maxEntriesPerKind ?? 10_000;
    this.prefix = `${options.namespace ?? 'local'}\u0000`;
    this.shared = options.shared;
  }

  private get kinds(): Record<CacheKind, KindState> {
    const make = (): KindState => ({ store: newStore(this.lruSize), tracked: new Set(), hits: 0, misses: 0, evictions: 0 });
    this.state ??= { products: make(), tests: make(), bugs: make() };
    return this.state;
  }

  /** Loads the cache library and creates the stores ahead of the first call (background warm-up). */
  warmUp(): void {
    void this.kinds;
  }

  /** The configured TTL of a kind, in seconds (read live so tests and the CLI may adjust). */
  ttlSeconds(kind: CacheKind): number {
    switch (kind) {
      case 'products':
        return this.config.cacheTtlProducts;
      case 'tests':
        return this.config.cacheTtlTests;
      case 'bugs':
        return this.config.cacheTtlBugs;
    }
  }

  /** The cached value when there is one; no load, no hit or miss counted. */
  peek<T>(kind: CacheKind, bare: string): T | undefined {
    const key = this.prefix + bare;
    const state = this.kinds[kind];
    const boxed = state.store.get<Boxed<T>>(key);
    if (!boxed) this.forget(state, key);
    return boxed?.value;
  }

  /** The cached value, counted as a hit or miss; for callers that load misses in batches. */
  lookup<T>(kind: CacheKind, bare: string): T | undefined {
    const key = this.prefix + bare;
    const state = this.kinds[kind];
    const boxed = state.store.get<Boxed<T>>(key);
    if (boxed) {
      state.hits += 1;
      return boxed.value;
    }
    state.misses += 1;
    this.forget(state, key);
    return undefined;
  }

  /**
   * Several values at once, counted like lookup; memory misses are asked of the shared tier
   * (Redis) in one round trip when there is one. For callers that load the misses in batches.
   */
  async lookupMany<T>(kind: CacheKind, bares: readonly string[]): Promise<Array<T | undefined>> {
    const found: Array<T | undefined> = bares.map((bare) => this.peek<T>(kind, bare));
    const missing = bares.filter((_, i) => found[i] === undefined);
    if (this.shared && missing.length > 0) {
      const shared = await this.shared.getMany<T>(missing.map((bare) => sharedKey(kind, bare)));
      let next = 0;
      found.forEach((value, i) => {
        if (value !== undefined) return;
        const elsewhere = shared[next++];
        if (elsewhere !== undefined) found[i] = this.keepShared(kind, bares[i]!, elsewhere);
      });
    }
    const state = this.kinds[kind];
    for (const value of found) state[value === undefined ? 'misses' : 'hits'] += 1;
    return found;
  }

  /**
   * The cached value, or the loader's (stored for the kind's TTL or the override). The loader gets
   * a signal shared by all concurrent callers of this key; `signal` cancels this caller's wait.
   */
  async getOrLoad<T>(
    kind: CacheKind,
    key: string,
    loader: (signal?: AbortSignal) => Promise<T>,
    ttlOverride?: TtlOverride<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const cached = this.shared ? this.peek<T>(kind, key) : this.lookup<T>(kind, key);
    if (cached !== undefined) {
      if (this.shared) this.kinds[kind].hits += 1;
      return cached;
    }
    const load = async (shared: AbortSignal): Promise<T> => {
      if (this.shared) {
        // Counted here, once per coalesced load: a hit when another replica already fetched it.
        const elsewhere = await this.fromShared<T>(kind, key);
        this.kinds[kind][elsewhere === undefined ? 'misses' : 'hits'] += 1;
        if (elsewhere !== undefined) return elsewhere;
      }
      const value = await loader(shared);
      this.put(kind, key, value, ttlOverride);
      return value;
    };
    return this.loads.run(`${kind}\u0000${this.prefix}${key}`, load, signal) as Promise<T>;
  }

  /** Stores a value directly (e.g. one test of a batched answer). */
  set<T>(kind: CacheKind, key: string, value: T, ttlOverride?: TtlOverride<T>): void {
    this.put(kind, key, value, ttlOverride);
  }

  /** Drops one entry (here and in the shared tier), e.g. after a write changed what it holds. */
  invalidate(kind: CacheKind, bare: string): void {
    const key = this.prefix + bare;
    const state = this.kinds[kind];
    if (state.tracked.delete(key)) state.evictions += 1;
    state.store.delete(key);
    this.shared?.delete(sharedKey(kind, bare));
  }

  /** Removes every entry, for every replica when the tier is shared; returns how many live entries this one removed. */
  async clear(): Promise<number> {
    const removed = this.clearLocal();
    await this.shared?.clear();
    return removed;
  }

  /** Drops this process's memory copies only (another replica cleared the shared tier). */
  clearLocal(): number {
    let removed = 0;
    for (const kind of CACHE_KINDS) {
      const state = this.kinds[kind];
      this.sweep(state);
      removed += state.tracked.size;
      state.evictions += state.tracked.size;
      state.tracked.clear();
      state.store.clear();
    }
    return removed;
  }

  stats(): CacheStats {
    const kinds = {} as Record<CacheKind, KindStats>;
    const overall = { hits: 0, misses: 0, entries: 0, evictions: 0 };
    for (const kind of CACHE_KINDS) {
      const state = this.kinds[kind];
      this.sweep(state);
      const counters = { hits: state.hits, misses: state.misses, entries: state.tracked.size, evictions: state.evictions };
      kinds[kind] = { ...counters, hitRate: rate(counters.hits, counters.misses), ttlSeconds: this.ttlSeconds(kind) };
      overall.hits += counters.hits;
      overall.misses += counters.misses;
      overall.entries += counters.entries;
      overall.evictions += counters.evictions;
    }
    return { overall: { ...overall, hitRate: rate(overall.hits, overall.misses) }, kinds };
  }

  private put<T>(kind: CacheKind, bare: string, value: T, ttlOverride?: TtlOverride<T>): void {
    const key = this.prefix + bare;
    const base = this.ttlSeconds(kind);
    // 0 turns the kind off entirely, overrides included.
    if (base <= 0) return;
    const override = typeof ttlOverride === 'function' ? ttlOverride(value) : ttlOverride;
    const seconds = override ?? base;
    if (seconds <= 0) return;
    const state = this.kinds[kind];
    state.store.set(key, { value } satisfies Boxed<T>, (this.shared ? Math.min(seconds, SHARED_MEMORY_TTL_SECONDS) : seconds) * 1000);
    state.tracked.add(key);
    this.shared?.set(sharedKey(kind, bare), value, seconds * 1000);
  }

  /** A shared entry, copied into memory for a short while. */
  private async fromShared<T>(kind: CacheKind, bare: string): Promise<T | undefined> {
    const value = await this.shared?.get<T>(sharedKey(kind, bare));
    return value === undefined ? undefined : this.keepShared(kind, bare, value);
  }

  private keepShared<T>(kind: CacheKind, bare: string, value: T): T {
    const seconds = Math.min(this.ttlSeconds(kind), SHARED_MEMORY_TTL_SECONDS);
    if (seconds > 0) {
      const state = this.kinds[kind];
      state.store.set(this.prefix + bare, { value } satisfies Boxed<T>, seconds * 1000);
      state.tracked.add(this.prefix + bare);
    }
    return value;
  }

  /** A tracked key that the store no longer has expired or was pushed out: one eviction. */
  private forget(state: KindState, key: string): void {
    if (state.tracked.delete(key)) state.evictions += 1;
  }

  private sweep(state: KindState): void {
    for (const key of [...state.tracked]) {
      if (!state.store.has(key)) this.forget(state, key);
    }
  }
}

const sharedKey = (kind: CacheKind, bare: string) => `${kind}:${bare}`;

function rate(hits: number, misses: number): number | null {
  const lookups = hits + misses;
  return lookups === 0 ? null : hits / lookups;
}
