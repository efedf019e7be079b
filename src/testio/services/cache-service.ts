/** get_cache_stats / clear_cache over the data layer's response cache. */
import type { Config } from '../../platform/config.js';
import type { TestioReadApi } from './api-port.js';

export const CACHE_KINDS = ['products', 'tests', 'bugs'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

export interface CacheFigures {
  hits: number;
  misses: number;
  hit_rate: number | null;
  entries: number;
  evictions: number;
}

export type CacheReport = {
  overall: CacheFigures;
  by_kind: Record<CacheKind, CacheFigures & { ttl_seconds: number }>;
  api_requests: number;
}

type Loose = Record<string, unknown> | undefined;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Reads one block of figures whatever its key style (hitRate or hit_rate). */
function figures(raw: Loose): CacheFigures {
  const hits = num(raw?.hits);
  const misses = num(raw?.misses);
  return {
    hits,
    misses,
    // Recomputed rather than trusted, so it is null (not NaN or 0) before the first lookup.
    hit_rate: hits + misses === 0 ? null : Math.round((hits / (hits + misses)) * 10_000) / 10_000,
    entries: num(raw?.entries),
    evictions: num(raw?.evictions),
  };
}

function sum(parts: CacheFigures[]): CacheFigures {
  const total = parts.reduce(
    (acc, p) => ({ hits: acc.hits + p.hits, misses: acc.misses + p.misses, entries: acc.entries + p.entries, evictions: acc.evictions + p.evictions }),
    { hits: 0, misses: 0, entries: 0, evictions: 0 },
  );
  return figures(total);
}

export class CacheService {
  private readonly api: TestioReadApi;
  private readonly config: Config;
  constructor({ testioApi, config }: { testioApi: TestioReadApi; config: Config }) {
    this.api = testioApi;
    this.config = config;
  }

  stats(): CacheReport {
    const raw = (this.api.cacheStats() ?? {}) as Record<string, unknown>;
    const kinds = ((raw.byKind ?? raw.by_kind ?? raw.kinds ?? raw) as Record<string, Loose>) ?? {};
    const ttl: Record<CacheKind, number> = { products: this.config.cacheTtlProducts, tests: this.config.cacheTtlTests, bugs: this.config.cacheTtlBugs };
    const byKind = Object.fromEntries(CACHE_KINDS.map((k) => [k, { ...figures(kinds[k]), ttl_seconds: ttl[k] }])) as CacheReport['by_kind'];
    const overallRaw = (raw.overall ?? raw.total) as Loose;
    return {
      overall: overallRaw ? figures(overallRaw) : sum(CACHE_KINDS.map((k) => byKind[k])),
      by_kind: byKind,
      api_requests: this.api.requestCount(),
    };
  }

  async clear(): Promise<{ cleared_entries: number; cleared_at: string }> {
    const cleared = await this.api.clearCache();
    return { cleared_entries: cleared, cleared_at: new Date().toISOString() };
  }
}
