/**
 * The figures the TestIO area counts (upstream requests, cache hits and misses) for /metrics;
 * undefined until the first call registered the area's services (a scrape never loads them).
 */
import type { App } from '../platform/app.js';
import type { TestioHttpClient } from '../testio/data/http-client.js';
import type { TestioTenants } from '../testio/tenants.js';
import type { AreaFigures } from './metrics.js';

export function areaFigures(app: App): () => AreaFigures | undefined {
  return () => {
    const { container } = app;
    if (!container.hasRegistration('testioTenants') || !container.hasRegistration('testioHttp')) return undefined;
    const cradle = container.cradle as unknown as { testioTenants: TestioTenants; testioHttp: TestioHttpClient };
    const cache = cradle.testioTenants.cacheTotals();
    return { upstreamRequests: cradle.testioHttp.requestCount(), cacheHits: cache.hits, cacheMisses: cache.misses };
  };
}
