/** get_cache_stats / clear_cache over the data layer's response cache. */
import type { CacheStats, TestioReadApi } from './api-port.js';

export const CACHE_KINDS = ['products', 'tests', 'bugs'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

export type CacheFigures = {
  hits: number;
  misses: number;
  hit_rate: number | null;
  entries: number;
  evictions: number;
};

export type CacheReport = {
  overall: CacheFigures;
  by_kind: Record<CacheKind, CacheFigures & { ttl_seconds: number }>;
  api_requests: number;
};

function figures(raw: CacheStats['overall']): CacheFigures {
  return {
    hits: raw.hits,
    misses: raw.misses,
    hit_rate: raw.hitRate === null ? null : Math.round(raw.hitRate * 1_000_000) / 1_000_000,
    entries: raw.entries,
    evictions: raw.evictions,
  };
}

export class CacheService {
  private readonly api: TestioReadApi;
  constructor({ testioApi }: { testioApi: TestioReadApi }) {
    this.api = testioApi;
  }

  stats(): CacheReport {
    const raw = this.api.cacheStats();
    const byKind = Object.fromEntries(
      CACHE_KINDS.map((k) => [k, { ...figures(raw.kinds[k]), ttl_seconds: raw.kinds[k].ttlSeconds }]),
    ) as CacheReport['by_kind'];
    return { overall: figures(raw.overall), by_kind: byKind, api_requests: this.api.requestCount() };
  }

  async clear(): Promise<{ cleared_entries: number; cleared_at: string }> {
    const cleared = await this.api.clearCache();
    return { cleared_entries: cleared, cleared_at: new Date().toISOString() };
  }
}
