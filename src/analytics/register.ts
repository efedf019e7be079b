/**
 * Analytics area services: the per-tenant store registry (a singleton; disposing the container
 * closes every open store) and, in a call scope, `analytics`: the caller's tenant. A TestIO write
 * (TESTIO_CHANGED) refreshes the written bug's or test's rows in the caller's tenant's store.
 */
import type { AwilixContainer } from 'awilix';
import type { Config } from '../platform/config.js';
import type { Caller } from '../platform/caller.js';
import type { AppEvents } from '../platform/events.js';
import { TESTIO_CHANGED } from '../testio/data/write-events.js';
import { lazyObject } from '../platform/lazy.js';
import type { AnalyticsQueries } from './queries/service.js';
import { AnalyticsTenants, type AnalyticsTenant, type AnalyticsTenantsDeps } from './tenants.js';
import { awilix } from '../platform/vendor.js';

const { asFunction } = awilix;

/** What tools see (ctx.analytics). */
export interface AnalyticsCradle {
  analytics: AnalyticsTenant;
  /** The read tools' queries over the caller's store (list_bugs, summaries, search...). */
  analyticsQueries: AnalyticsQueries;
}

/** The area's internals (background sync, diagnostics across tenants). */
export interface AnalyticsInternalCradle {
  analyticsTenants: AnalyticsTenants;
}

export function registerAnalytics(container: AwilixContainer): void {
  container.register({
    analyticsTenants: asFunction((deps: AnalyticsTenantsDeps) => new AnalyticsTenants(deps))
      .singleton()
      .disposer((tenants) => tenants.close()),
    analytics: asFunction(({ analyticsTenants, caller }: { analyticsTenants: AnalyticsTenants; caller: Caller }) => analyticsTenants.forCaller(caller)).scoped(),
    // The queries (and Kysely) load on the first read tool's call, not with the services.
    analyticsQueries: asFunction(({ analytics, config }: { analytics: AnalyticsTenant; config: Config }) =>
      lazyObject(async () => {
        const { AnalyticsQueries } = await import('./queries/service.js');
        return new AnalyticsQueries({ tenantId: analytics.tenantId, store: () => analytics.store(), pagingSecret: config.linkSecret });
      }),
    ).scoped(),
  });
  const events = container.resolve<AppEvents>('appEvents');
  events.on(TESTIO_CHANGED, ({ caller, ...change }) => container.resolve<AnalyticsTenants>('analyticsTenants').forCaller(caller).refreshWritten(change));
}
