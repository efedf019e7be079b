/** get_cache_stats / clear_cache over the data layer's response cache. */
import { z } from 'zod';
import type { CacheStats, TestioReadApi } from './api-port.js';

export const CACHE_KINDS = ['products', 'tests', 'bugs'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

const n = z.number().int();
const figuresSchema = z.object({ hits: n, misses: n, hit_rate: z.number().nullable().describe('0..1, null before the first lookup'), entries: n, evictions: n });
const kindFiguresSchema = figuresSchema.extend({ ttl_seconds: n.describe('How long entries of this kind stay cached') });

/** get_cache_stats' outputSchema; CacheReport is inferred from it, never written twice. */
export const cacheStatsOutput = {
  overall: figuresSchema,
  by_kind: z.object({ products: kindFiguresSchema, tests: kindFiguresSchema, bugs: kindFiguresSchema } satisfies Record<CacheKind, typeof kindFiguresSchema>),
  api_requests: n.describe('Customer API requests sent since the server started'),
};

/** clear_cache's outputSchema. */
export const cacheClearOutput = {
  cleared_entries: n.describe('Cache entries removed'),
  cleared_at: z.string(),
};

export type CacheFigures = z.infer<typeof figuresSchema>;
export type CacheReport = z.infer<z.ZodObject<typeof cacheStatsOutput>>;
export type CacheClearResult = z.infer<z.ZodObject<typeof cacheClearOutput>>;

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

  async clear(): Promise<CacheClearResult> {
    const cleared = await this.api.clearCache();
    return { cleared_entries: cleared, cleared_at: new Date().toISOString() };
  }
}
