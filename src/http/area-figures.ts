/**
 * The figures the areas count for /metrics: TestIO's upstream requests and cache hits and misses,
 * Testr's runs by status; undefined until the first call registered the areas' services (a scrape
 * never loads them, nor opens the Testr database).
 */
import type { App } from '../platform/app.js';
import type { TestioHttpClient } from '../testio/data/http-client.js';
import type { TestrService } from '../testr/service.js';
import type { TestioTenants } from '../testio/tenants.js';
import type { AreaFigures, RunFigures } from './metrics.js';

export function areaFigures(app: App): () => AreaFigures | undefined {
  return () => {
    const { container } = app;
    if (!container.hasRegistration('testioTenants') || !container.hasRegistration('testioHttp')) return undefined;
    const cradle = container.cradle as unknown as { testioTenants: TestioTenants; testioHttp: TestioHttpClient };
    const cache = cradle.testioTenants.cacheTotals();
    return { upstreamRequests: cradle.testioHttp.requestCount(), cacheHits: cache.hits, cacheMisses: cache.misses };
  };
}

export function runFigures(app: App): () => Promise<RunFigures | undefined> | undefined {
  return () => {
    const { container } = app;
    // The process-wide service (ctx.testr is one user's view of it); absent when Testr is not served.
    if (!container.hasRegistration('testrService')) return undefined;
    return (container.cradle as unknown as { testrService: TestrService }).testrService.runCounts();
  };
}
