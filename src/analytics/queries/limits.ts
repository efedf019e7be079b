/**
 * What the read tools accept: sort orders, kinds and limits. In a module of their own, which loads
 * no Kysely, so the tools' schemas (plugins, via src/kit/analytics.ts) use them without loading
 * the queries.
 */

export const BUG_SORTS = ['reported_at', 'severity', 'status', 'id'] as const;
export type BugSort = (typeof BUG_SORTS)[number];
export const SORT_ORDERS = ['desc', 'asc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export const DEFAULT_BUG_PAGE = 25;
export const MAX_BUG_PAGE = 100;

export const FEATURE_SORTS = ['bugs', 'tests', 'title'] as const;
export type FeatureSort = (typeof FEATURE_SORTS)[number];
export const MAX_FEATURES = 200;

export const USER_KINDS = ['tester', 'customer'] as const;
export type UserKind = (typeof USER_KINDS)[number];
export const MAX_USERS = 100;

export const SEARCH_KINDS = ['product', 'feature', 'test', 'bug'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;
