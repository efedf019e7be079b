/**
 * Registers the TestIO data layer: one HTTP client for the process (one connection pool, one
 * concurrency limit) and the per-tenant registry (API, cache and services per TestIO token), both
 * singletons; in a call scope, `testioTenant` is the caller's. Disposing the container closes the
 * pool and drops every tenant's cache.
 */
import type { AwilixContainer } from 'awilix';
import type { Caller } from '../../platform/caller.js';
import { TestioTenants, type TestioTenant, type TestioTenantsDeps } from '../tenants.js';
import { TestioHttpClient } from './http-client.js';
import { awilix } from '../../platform/vendor.js';

const { asClass, asFunction } = awilix;

/** The area's internals: never on the tool-facing context. */
export interface TestioDataCradle {
  testioHttp: TestioHttpClient;
  testioTenants: TestioTenants;
  testioTenant: TestioTenant;
}

export function registerTestioData(container: AwilixContainer): void {
  container.register({
    testioHttp: asClass(TestioHttpClient)
      .singleton()
      .disposer((client) => client.close()),
    testioTenants: asFunction((deps: TestioTenantsDeps) => new TestioTenants(deps))
      .singleton()
      .disposer((tenants) => tenants.close()),
    testioTenant: asFunction(({ testioTenants, caller }: { testioTenants: TestioTenants; caller: Caller }) => testioTenants.forCaller(caller)).scoped(),
  });
}
