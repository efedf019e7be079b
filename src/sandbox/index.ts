/**
 * The sandbox: a loopback HTTP server speaking the TestIO Customer API v2 with seeded data, plus a
 * demo web site for browser tests. See shared/interfaces.md ("Sandbox").
 */
export { startSandbox, sandboxToken, type SandboxHandle, type SandboxOptions } from './server.js';
export type { SandboxStats } from './stats.js';
export { generateSandboxData, DEFAULT_SEED, type GenerateOptions } from './data.js';
export { UNPAGED_TEST_LIMIT, DEFAULT_PER_PAGE } from './api-routes.js';
export { PINNED_TEST_IDS } from './test-plan.js';
export { MAIN_PRODUCT_ID, BIG_TEST_PRODUCT_ID, DAILY_TESTS_PRODUCT_ID } from './content/products.js';
export type { DemoEvent, DemoEventType } from './demo-events.js';
export type * from './types.js';
