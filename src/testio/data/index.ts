/** The TestIO data layer's public surface, for the services and tests. */
export { TestioApi, type TestioApiCradle, type TestioApiOptions } from './api.js';
export { CACHE_KINDS, TestioCache, type CacheCounters, type CacheKind, type CacheStats, type KindStats, type TtlOverride } from './cache.js';
export { MISSING_TOKEN_MESSAGE, TestioHttpClient, type HttpClientOptions, type HttpRequestOptions, type JsonObject } from './http-client.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export * from './schemas.js';
export { registerTestioData, type TestioDataCradle } from './register.js';
