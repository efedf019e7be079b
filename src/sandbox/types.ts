/**
 * Wire shapes of the TestIO Customer API v2 as the sandbox serves them (snake_case, see
 * shared/testio-api.md). The sandbox keeps its live data in exactly these shapes so tests can
 * compare tool answers with `handle.data` field by field.
 */

export type ProductType =
  | 'website'
  | 'mobile_app_ios'
  | 'mobile_app_android'
  | 'mobile_app_windows'
  | 'streaming_app'
  | 'gaming';

export type TestStatus = 'initialized' | 'running' | 'locked' | 'customer_finalized' | 'archived' | 'cancelled';
export type TestingType = 'coverage' | 'usability' | 'rapid' | 'focused';
export type BugSeverity = 'low' | 'high' | 'critical' | 'visual' | 'content' | 'custom';
export type BugStatus = 'forwarded' | 'accepted' | 'rejected';
export type ExportStatus = 'not_exported' | 'export_requested' | 'exported';
export type RejectReasonKey =
  | 'device_not_relevant'
  | 'ignored_instructions'
  | 'intended_behavior'
  | 'irrelevant'
  | 'known_bug'
  | 'not_reproducible'
  | 'request_timeout';

export interface Section {
  id: number;
  name: string;
}

export interface Product {
  id: number;
  name: string;
  description: string | null;
  type: ProductType;
  default_section_id: number;
  /** Empty for products without sections. */
  sections: Section[];
  /** The default section plus `sections`. */
  sections_with_default: Section[];
}

export interface Feature {
  id: number;
  title: string;
  description: string;
  howtofind: string;
  user_stories: string[];
}

export interface UserStory {
  id: number;
  path: string;
  title: string;
}

/** A feature as `includes[]=user_stories` returns it. */
export interface FeatureWithStories extends Omit<Feature, 'user_stories'> {
  user_stories: UserStory[];
}

export interface TestEnvironment {
  id: number;
  title: string;
  url: string;
  access_type: 'public' | 'basic_auth' | 'credentials';
}

export interface TestTemplate {
  id: number;
  title: string;
  product_id: number;
  section_id: number | null;
  testing_type: TestingType;
  goal: string;
  instructions: string;
  out_of_scope: string;
  duration: string;
  feature_ids: number[];
}

export interface KeyedName {
  id: number;
  key: string;
  name: string;
}

export interface Requirement {
  operating_system: KeyedName;
  category: KeyedName;
  browsers: KeyedName[];
  devices: KeyedName[];
}

/** A feature as attached to one test cycle: `id` is the test feature, `feature_id` the product feature. */
export interface TestFeature {
  id: number;
  feature_id: number;
  title: string;
  description: string;
  howtofind: string;
  user_stories: string[];
}

export interface TestAnalytics {
  testers_count: number;
  devices_count: number;
  total_features: number;
  tested_features: number;
  passed_features: number;
  failed_features: number;
  total_bugs: number;
  accepted_bugs: number;
  auto_accepted_bugs: number;
  rejected_bugs: number;
  open_bugs: number;
  known_bugs: number;
}

export interface ExploratoryTest {
  id: number;
  test_title: string;
  /** Same value as `test_title`; the API sends both. */
  title: string;
  status: TestStatus;
  testing_type: TestingType;
  /** Markdown. */
  goal: string;
  /** The same text as plain text. */
  goal_text: string;
  instructions: string;
  instructions_text: string;
  out_of_scope: string;
  out_of_scope_text: string;
  start_at: string;
  end_at: string;
  /** Hours, as a string. */
  duration: string;
  created_at: string;
  created_by: string | null;
  submitted_by: string | null;
  enable_low: boolean;
  enable_high: boolean;
  enable_critical: boolean;
  report_language: 'en' | 'de';
  review_status: 'review_successful' | 'waiting_for_review' | 'not_submitted';
  test_environment: TestEnvironment;
  features: TestFeature[];
  requirements: Requirement[];
  product: Product;
  section: Section;
  /** Only on GET /exploratory_tests/{id}. */
  analytics?: TestAnalytics;
}

export interface NamedRef {
  name: string;
}

export interface BugDevice {
  operating_system: NamedRef;
  operating_system_version: NamedRef;
  device: NamedRef;
  browsers: NamedRef[];
  category: NamedRef;
}

export interface BugComment {
  id: number;
  body: string;
  author: NamedRef;
  created_at: string;
}

export interface Bug {
  id: number;
  title: string;
  severity: BugSeverity;
  status: BugStatus;
  auto_accepted: boolean;
  known: boolean;
  fixed: boolean;
  language: 'en' | 'de';
  location: string;
  expected_result: string;
  actual_result: string;
  steps: string[];
  author: NamedRef;
  test: { id: number; title: string };
  feature: { id: number; title: string };
  product: { id: number; name: string };
  section: Section;
  devices: BugDevice[];
  comments: BugComment[];
  attachments: Array<{ id: number; url: string }>;
  export_status: ExportStatus;
  exported_at: string | null;
  external_idx: string | null;
  reject_reason: RejectReasonKey | null;
  reject_comment: string | null;
  reported_at: string;
}

export interface RejectReason {
  key: RejectReasonKey;
  name: string;
  default_comment: string;
}

/** Everything the sandbox serves about one product beyond the product itself. */
export interface ProductCatalog {
  product_id: number;
  features: Feature[];
  /** Section id → ids of the features shown in that section (a feature may be in several). */
  section_features: Record<string, number[]>;
  /** Stories by id, each with the feature it belongs to. */
  user_stories: Array<UserStory & { feature_id: number }>;
  test_environments: TestEnvironment[];
  test_templates: TestTemplate[];
}

export interface SandboxData {
  products: Product[];
  tests: ExploratoryTest[];
  bugs: Bug[];
  catalogs: ProductCatalog[];
  reject_reasons: RejectReason[];
  /** The UTC calendar day (YYYY-MM-DD) the relative dates were generated for. */
  anchor_day: string;
}
