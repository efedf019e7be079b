/**
 * The sandbox: a loopback HTTP server speaking the TestIO Customer API v2 with seeded data, plus a
 * demo web site for browser tests. See shared/interfaces.md ("Sandbox").
 *
 * Routes: /customer/v2/* (the API; token, latency and faults apply), /demo/* (the demo store),
 * GET /__sandbox/stats, GET|DELETE /__sandbox/demo-events.
 *
 * Data landmarks, the same for every seed: product 25073 "Acme Online Banking" (30+ tests in
 * every status, history from January 2024), tests 109363 (running, 28 bugs with every severity
 * and status) and 109364 (locked regression), test 120000 in product 18442 with exactly 2,000
 * bugs, product 21937 with 200 daily tests (the unpaged list is capped at 150), products with
 * sections (18442, 23310) and "Acme Banking Mobile for iOS/Android". Recent dates follow
 * today's UTC day.
 */
export { startSandbox, sandboxToken, type SandboxHandle, type SandboxOptions } from './server.js';
export type { SandboxStats } from './stats.js';
export { generateSandboxData, DEFAULT_SEED, type GenerateOptions } from './data.js';
export { UNPAGED_TEST_LIMIT, DEFAULT_PER_PAGE } from './api-routes.js';
export { PINNED_TEST_IDS } from './test-plan.js';
export { SANDBOX_SIZES, type SandboxSize } from './sizes.js';
export { MAIN_PRODUCT_ID, BIG_TEST_PRODUCT_ID, DAILY_TESTS_PRODUCT_ID } from './content/products.js';
export type { DemoEvent, DemoEventType } from './demo-events.js';
export type * from './types.js';
