/**
 * TestIO per tenant. A tenant is one TestIO token, known by its tenantId (a hash, never the
 * token). Each tenant gets its own API object, its own answer cache (namespaced by tenantId) and
 * its own services, built on first use and kept in a bounded map (least recently used out), so
 * two tenants never share an answer or a cache entry. All tenants share the one HTTP client: its
 * connection pool and concurrency limit are per process, the token is a header of each request.
 */
import type { Caller } from '../platform/caller.js';
import type { Config } from '../platform/config.js';
import type { AppEvents } from '../platform/events.js';
import type { Logger } from '../platform/logger.js';
import type { SharedRedis } from '../platform/shared-redis.js';
import { TestioApi } from './data/api.js';
import { TestioCache } from './data/cache.js';
import { TestioWriteApi } from './data/write-api.js';
import { TESTIO_CHANGED, type AnnounceChange } from './data/write-events.js';
import { CACHE_CLEAR_CHANNEL, SharedCacheTier } from './data/shared-cache.js';
import type { TestioHttpClient } from './data/http-client.js';
import { pagingTokens } from './services/continuation-token.js';
import { createTestioServices, type TestioServices } from './services/register.js';

export interface TestioTenant {
  tenantId: string;
  api: TestioApi;
  cache: TestioCache;
  services: TestioServices;
}

export interface TestioTenantsDeps {
  config: Config;
  logger: Logger;
  version: string;
  testioHttp: TestioHttpClient;
  sharedRedis: SharedRedis;
  appEvents: AppEvents;
}

/** Tenants kept at once; one more drops the least recently used (its cache goes with it). */
export const MAX_TENANTS = 256;

export class TestioTenants {
  private readonly tenants = new Map<string, TestioTenant>();

  constructor(
    private readonly deps: TestioTenantsDeps,
    private readonly max = MAX_TENANTS,
  ) {
    // Another replica cleared a tenant's cache: drop our memory copies of it too.
    if (deps.sharedRedis.enabled) {
      void deps.sharedRedis.subscribe(CACHE_CLEAR_CHANNEL, (tenantId) => this.tenants.get(tenantId)?.cache.clearLocal());
    }
  }

  forCaller(caller: Caller): TestioTenant {
    const { tenantId } = caller;
    const known = this.tenants.get(tenantId);
    if (known) {
      // Most recently used last: the first key is the one to drop.
      this.tenants.delete(tenantId);
      this.tenants.set(tenantId, known);
      return known;
    }
    const tenant = this.create(caller);
    this.tenants.set(tenantId, tenant);
    if (this.tenants.size > this.max) this.tenants.delete(this.tenants.keys().next().value as string);
    return tenant;
  }

  size(): number {
    return this.tenants.size;
  }

  /** Cache hits and misses summed over the tenants held now (metrics). */
  cacheTotals(): { hits: number; misses: number } {
    let hits = 0;
    let misses = 0;
    for (const tenant of this.tenants.values()) {
      const { overall } = tenant.cache.stats();
      hits += overall.hits;
      misses += overall.misses;
    }
    return { hits, misses };
  }

  /** Loads the cache library ahead of the first call (background warm-up). */
  warmUp(caller: Caller): void {
    this.forCaller(caller).cache.warmUp();
  }

  async close(): Promise<void> {
    const tenants = [...this.tenants.values()];
    this.tenants.clear();
    // Memory only: closing one replica must not empty the cache the others share.
    for (const tenant of tenants) tenant.cache.clearLocal();
  }

  private create(caller: Caller): TestioTenant {
    const { tenantId, testioToken } = caller;
    const { config, logger, version, testioHttp, sharedRedis, appEvents } = this.deps;
    const shared = sharedRedis.enabled ? new SharedCacheTier(sharedRedis, tenantId) : undefined;
    const cache = new TestioCache({ config }, { namespace: tenantId, shared });
    const http = testioHttp.forTenant(testioToken, tenantId);
    const api = new TestioApi({ config, logger, testioHttp: http, testioCache: cache });
    const testioWrites = new TestioWriteApi(http, cache);
    // Signed per tenant: one tenant's token is refused for another.
    const continuationTokens = pagingTokens(config.linkSecret, `testio:${tenantId}`);
    // The tenant is its token: every caller of it shares this one (tenantId and token alike).
    const announceChange: AnnounceChange = (change) => appEvents.emit(TESTIO_CHANGED, { ...change, caller });
    return { tenantId, api, cache, services: createTestioServices({ testioApi: api, testioWrites, announceChange, continuationTokens, config, version }) };
  }
}
