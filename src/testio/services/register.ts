/**
 * The services TestIO tools call. Tools stay thin: parameters in, a service call, a rendering out.
 * Every service is a singleton fed from the cradle (testioApi, config, version).
 */
import { asClass, asFunction, type AwilixContainer } from 'awilix';
import type { TestioApi } from '../data/api.js';
import type { TestioReadApi } from './api-port.js';
import { ActivityService } from './activity-service.js';
import { BugQueryService } from './bug-query-service.js';
import { CacheService } from './cache-service.js';
import { ContinuationTokens } from './continuation-token.js';
import { HealthService } from './health-service.js';
import { ProductService } from './product-service.js';
import { StatusReportService } from './status-report-service.js';
import { TestListService } from './test-list-service.js';
import { TestStatusService } from './test-status-service.js';

export interface TestioServicesCradle {
  continuationTokens: ContinuationTokens;
  testStatusService: TestStatusService;
  testListService: TestListService;
  productService: ProductService;
  bugQueryService: BugQueryService;
  statusReportService: StatusReportService;
  activityService: ActivityService;
  healthService: HealthService;
  cacheService: CacheService;
}

/** Compile-time proof that the real data layer satisfies what the services ask of it. */
export const servesTheServices = (api: TestioApi): TestioReadApi => api;

export function registerTestioServices(container: AwilixContainer): void {
  container.register({
    // A factory, not asClass: the constructor's optional key must not receive the cradle.
    continuationTokens: asFunction(() => new ContinuationTokens()).singleton(),
    testStatusService: asClass(TestStatusService).singleton(),
    testListService: asClass(TestListService).singleton(),
    productService: asClass(ProductService).singleton(),
    bugQueryService: asClass(BugQueryService).singleton(),
    statusReportService: asClass(StatusReportService).singleton(),
    activityService: asClass(ActivityService).singleton(),
    healthService: asClass(HealthService).singleton(),
    cacheService: asClass(CacheService).singleton(),
  });
}
