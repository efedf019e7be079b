/**
 * Registers the TestIO data layer: one HTTP client (one connection pool, one concurrency limit),
 * one cache and the typed API, all singletons; disposing the container closes the pool.
 */
import { asClass, type AwilixContainer } from 'awilix';
import { TestioApi } from './api.js';
import { TestioCache } from './cache.js';
import { TestioHttpClient } from './http-client.js';

export interface TestioDataCradle {
  testioHttp: TestioHttpClient;
  testioCache: TestioCache;
  testioApi: TestioApi;
}

export function registerTestioData(container: AwilixContainer): void {
  container.register({
    testioHttp: asClass(TestioHttpClient)
      .singleton()
      .disposer((client) => client.close()),
    testioCache: asClass(TestioCache)
      .singleton()
      .disposer(async (cache) => {
        await cache.clear();
      }),
    testioApi: asClass(TestioApi).singleton(),
  });
}
