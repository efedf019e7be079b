/**
 * The analytics store's tables, as Kysely sees them. One row shape for SQLite and PostgreSQL:
 * times are ISO 8601 UTC text (sortable as text), flags are 0/1 integers, so every query is the
 * same in both dialects. Bug `status` is the customer bucket (accepted, auto_accepted, rejected,
 * forwarded) and `bug_type` is derived from severity, so metrics are plain GROUP BYs.
 */
import type { Generated } from 'kysely';

export interface ProductsTable {
  id: number;
  name: string;
  type: string | null;
  description: string | null;
}

export interface SectionsTable {
  id: number;
  product_id: number;
  name: string | null;
}

export interface FeaturesTable {
  id: number;
  product_id: number;
  title: string;
  description: string | null;
  howtofind: string | null;
}

export interface UserStoriesTable {
  feature_id: number;
  position: number;
  product_id: number;
  title: string;
}

export interface TestsTable {
  id: number;
  product_id: number;
  section_id: number | null;
  title: string;
  status: string;
  testing_type: string | null;
  start_at: string | null;
  end_at: string | null;
  created_by: string | null;
  submitted_by: string | null;
  review_status: string | null;
  environment_id: number | null;
  environment_title: string | null;
  environment_url: string | null;
  /** 1 for archived and cancelled: never fetched again. */
  immutable: number;
  /** When this row was last fetched. */
  synced_at: string;
  /** When the test's bugs were last fetched and written; null: not yet (a sync resumes there). */
  bugs_synced_at: string | null;
}

export interface TestFeaturesTable {
  test_id: number;
  feature_id: number;
  product_id: number;
  title: string | null;
}

export interface TestPlatformsTable {
  test_id: number;
  position: number;
  operating_system: string | null;
  category: string | null;
}

export interface BugsTable {
  id: number;
  product_id: number;
  test_id: number;
  section_id: number | null;
  /** Null for a bug reported outside any feature: it still counts everywhere. */
  feature_id: number | null;
  feature_title: string | null;
  title: string;
  severity: string;
  bug_type: string;
  status: string;
  known: number;
  reject_reason: string | null;
  author: string | null;
  language: string | null;
  location: string | null;
  reported_at: string | null;
  exported_at: string | null;
}

export interface BugDevicesTable {
  bug_id: number;
  position: number;
  operating_system: string | null;
  operating_system_version: string | null;
  device: string | null;
  browsers: string | null;
  category: string | null;
}

export interface UsersTable {
  /** tester (a bug author) or customer (a test creator or submitter). */
  kind: string;
  name: string;
}

/** One tester's bugs in one product and week (tester-weeks.ts): the bug summary's counts. */
export interface TesterWeeksTable {
  author: string;
  product_id: number;
  /** The Monday (UTC) of reported_at's week, 'YYYY-MM-DD'; '' for bugs without a date. */
  week: string;
  bugs: number;
  accepted: number;
  auto_accepted: number;
  rejected: number;
  open: number;
  critical: number;
  high: number;
  low: number;
  visual: number;
  content: number;
  custom: number;
  known: number;
  first_at: string | null;
  last_at: string | null;
}

/** How many bugs one tester reported in one test (tester-tests.ts). */
export interface TesterTestsTable {
  author: string;
  test_id: number;
  product_id: number;
  bugs: number;
}

/** Bugs per product and (status, severity, known, reject reason): product-bug-counts.ts. */
export interface ProductBugCountsTable {
  product_id: number;
  status: string;
  severity: string;
  known: number;
  reject_reason: string | null;
  bugs: number;
}

export interface SyncStateTable {
  product_id: number;
  /** Set when a full pass over the product's tests finished; null while the first sync is unfinished. */
  completed_at: string | null;
  last_sync_at: string;
  last_error: string | null;
  /** Oldest start date the last finished pass covered (a sync with `since`); null: every test. */
  covered_since: string | null;
  /** How long the last sync of this product took. */
  last_duration_ms: number | null;
}

export interface SyncFailuresTable {
  id: Generated<number>;
  product_id: number;
  /** What kept failing: `tests page N (per_page P)` or `bugs of tests 1,2,3`. */
  what: string;
  error: string;
  attempts: number;
  failed_at: string;
  /** Set when a later sync fetched the same data. */
  resolved_at: string | null;
}

/** What `search` matches: one row per product, feature, test and bug. */
export interface SearchDocsTable {
  id: Generated<number>;
  kind: string;
  entity_id: number;
  product_id: number;
  title: string;
  body: string;
}

export interface AnalyticsTables {
  products: ProductsTable;
  sections: SectionsTable;
  features: FeaturesTable;
  user_stories: UserStoriesTable;
  tests: TestsTable;
  test_features: TestFeaturesTable;
  test_platforms: TestPlatformsTable;
  bugs: BugsTable;
  bug_devices: BugDevicesTable;
  users: UsersTable;
  sync_state: SyncStateTable;
  sync_failures: SyncFailuresTable;
  search_docs: SearchDocsTable;
  tester_weeks: TesterWeeksTable;
  tester_tests: TesterTestsTable;
  product_bug_counts: ProductBugCountsTable;
}

/** Every table, in the order rows are counted for diagnostics. */
export const TABLE_NAMES = [
  'products',
  'sections',
  'features',
  'user_stories',
  'tests',
  'test_features',
  'test_platforms',
  'bugs',
  'bug_devices',
  'users',
  'sync_state',
  'sync_failures',
  'search_docs',
  'tester_weeks',
  'tester_tests',
  'product_bug_counts',
] as const satisfies ReadonlyArray<keyof AnalyticsTables>;
