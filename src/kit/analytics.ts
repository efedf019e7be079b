/**
 * What analytics tools need from the analytics area: the caller's store (`ctx.analytics.store()`,
 * a Kysely database over the tables below, SQLite or PostgreSQL), the sync, freshness lines and the
 * upserts. Plugins import from here, never from inside src/analytics/.
 */
export { sql, type Kysely } from 'kysely';
export type { AnalyticsTenant } from '../analytics/tenants.js';
export type { AnalyticsStore } from '../analytics/store/open-store.js';
export type { StoreDialect } from '../analytics/store/migrations.js';
export * from '../analytics/store/tables.js';
export { ago, freshnessLine, productFreshness, type ProductFreshness } from '../analytics/freshness.js';
export { inTransaction, replaceBugs, replaceFeatures, upsertProducts, upsertTests } from '../analytics/store/upsert.js';
export { bugRows, testRows, utcIso } from '../analytics/store/rows.js';
export { syncProduct, SYNC_DEFAULTS, type ProductSyncResult, type SyncMode } from '../analytics/sync/sync-product.js';
export { describeProductSync, syncTenant, type SyncRequest, type SyncRunResult } from '../analytics/sync/sync-tenant.js';
export { runSyncData, type SyncDataArgs, type SyncDataResult } from '../analytics/services/sync-data.js';
export { serverDiagnostics, type ServerDiagnostics } from '../analytics/services/diagnostics.js';
// The read tools' queries (ctx.analyticsQueries): parameters, result shapes, limits.
export { analyticsParams } from '../analytics/queries/params.js';
export * from '../analytics/queries/schemas.js';
export { BUG_SORTS, DEFAULT_BUG_PAGE, MAX_BUG_PAGE, SORT_ORDERS } from '../analytics/queries/list-bugs.js';
export { FEATURE_SORTS, MAX_FEATURES } from '../analytics/queries/list-features.js';
export { MAX_USERS, USER_KINDS } from '../analytics/queries/list-users.js';
export { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, SEARCH_KINDS } from '../analytics/queries/search.js';
export { MAX_QUERY_CHARS, MAX_SEARCH_TERMS } from '../analytics/queries/search-text.js';
