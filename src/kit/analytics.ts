/**
 * What analytics tools need from the analytics area: the caller's store (`ctx.analytics.store()`,
 * a Kysely database over the tables below, SQLite or PostgreSQL), the sync, freshness lines and the
 * read tools' parameters and result shapes. Plugins import from here, never from inside
 * src/analytics/. Every tool module is imported by the warm-up, so this file loads nothing heavy:
 * Kysely, the store and the sync load with the first call that uses them (`kysely()` gives a
 * handler Kysely's `sql` and the rest on demand).
 */
export type { Kysely } from 'kysely';
export type { AnalyticsTenant } from '../analytics/tenants.js';
export type { AnalyticsStore } from '../analytics/store/open-store.js';
export type { StoreDialect } from '../analytics/store/migrations.js';
export type { ProductSyncResult, SyncMode } from '../analytics/sync/sync-product.js';
export type { SyncRequest, SyncRunResult } from '../analytics/sync/sync-tenant.js';
export * from '../analytics/store/tables.js';
export { ago, freshnessLine, productFreshness, type ProductFreshness } from '../analytics/freshness.js';
export { runSyncData, type SyncDataArgs, type SyncDataResult } from '../analytics/services/sync-data.js';
export { serverDiagnostics, type ServerDiagnostics } from '../analytics/services/diagnostics.js';
// The read tools' queries (ctx.analyticsQueries): parameters, result shapes, limits.
export { analyticsParams } from '../analytics/queries/params.js';
export * from '../analytics/queries/schemas.js';
export * from '../analytics/queries/limits.js';
export { MAX_QUERY_CHARS, MAX_SEARCH_TERMS } from '../analytics/queries/search-text.js';

/** Kysely itself (`const { sql } = await kysely()`), for a handler's own SQL over the store. */
export const kysely = () => import('kysely');
