/**
 * The services TestIO tools call. Tools stay thin: parameters in, a service call, a rendering out.
 * Each tenant (one TestIO token) gets its own set, built once over its own API and cache
 * (tenants.ts); in a call's scope each service resolves to the set of the caller's tenant, so a
 * tool still writes `ctx.testStatusService.getStatus(id, signal)`.
 */
import type { AwilixContainer } from 'awilix';
import type { Config } from '../../platform/config.js';
import type { TestioApi } from '../data/api.js';
import type { TestioWriteApi } from '../data/write-api.js';
import type { AnnounceChange } from '../data/write-events.js';
import { ActivityService } from './activity-service.js';
import type { TestioReadApi } from './api-port.js';
import { BugQueryService } from './bug-query-service.js';
import { BugReviewService } from './bug-review-service.js';
import { CacheService } from './cache-service.js';
import type { ContinuationTokens } from './continuation-token.js';
import { HealthService } from './health-service.js';
import { ProductService } from './product-service.js';
import { StatusReportService } from './status-report-service.js';
import { TestListService } from './test-list-service.js';
import { TestStatusService } from './test-status-service.js';
import { TestWriteService } from './test-write-service.js';
import { awilix } from '../../platform/vendor.js';

const { asFunction } = awilix;

/** What every service constructor may ask for. */
export interface ServiceDeps {
  testioApi: TestioReadApi;
  /** The write endpoints and the fresh reads a change needs. */
  testioWrites: TestioWriteApi;
  /** Tells other areas what a write changed (the analytics store refreshes its rows). */
  announceChange: AnnounceChange;
  continuationTokens: ContinuationTokens;
  config: Config;
  version: string;
}

const SERVICES = {
  testStatusService: TestStatusService,
  testListService: TestListService,
  productService: ProductService,
  bugQueryService: BugQueryService,
  statusReportService: StatusReportService,
  activityService: ActivityService,
  healthService: HealthService,
  cacheService: CacheService,
  bugReviewService: BugReviewService,
  testWriteService: TestWriteService,
} satisfies Record<string, new (deps: ServiceDeps) => unknown>;

export type TestioServices = { [K in keyof typeof SERVICES]: InstanceType<(typeof SERVICES)[K]> };

/** Compile-time proof that the real data layer satisfies what the services ask of it. */
export const servesTheServices = (api: TestioApi): TestioReadApi => api;

/** One tenant's services. */
export function createTestioServices(deps: ServiceDeps): TestioServices {
  const services: Record<string, unknown> = {};
  for (const [name, Service] of Object.entries(SERVICES)) services[name] = new Service(deps);
  return services as TestioServices;
}

/** Each service, in a call scope, is the caller's tenant's (`testioTenant` is scoped, see register.ts). */
export function registerTestioServices(container: AwilixContainer): void {
  for (const name of Object.keys(SERVICES) as Array<keyof TestioServices>) {
    container.register(name, asFunction(({ testioTenant }: { testioTenant: { services: TestioServices } }) => testioTenant.services[name]).scoped());
  }
}
