/**
 * API objects → store rows, as pure functions (no database): one place decides what a column
 * holds, so the upserts, the property tests and any recount read the same meaning. Bug `status`
 * is the customer bucket and `severity` the bucket of bug-classify, exactly as the milestone-1
 * tools count them.
 */
import { bugStatus, bugType, severityBucket } from '../../testio/services/bug-classify.js';
import type { Bug, ExploratoryTest, Product } from '../../testio/data/schemas.js';
import { IMMUTABLE_TEST_STATUSES } from '../../testio/data/schemas.js';
import type { Feature } from '../sync/schemas.js';
import type {
  BugDevicesTable,
  BugsTable,
  FeaturesTable,
  ProductsTable,
  SearchDocsTable,
  SectionsTable,
  TestFeaturesTable,
  TestPlatformsTable,
  TestsTable,
  UserStoriesTable,
  UsersTable,
} from './tables.js';

export type SearchDocRow = Omit<SearchDocsTable, 'id'>;

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const nameOf = (value: unknown): string | null => {
  const name = value && typeof value === 'object' ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? name : null;
};
const joinText = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim() !== '').join('\n');

/** ISO 8601 in UTC, so text order is time order in both dialects; unreadable dates are null. */
export function utcIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function isImmutableStatus(status: string): boolean {
  return IMMUTABLE_TEST_STATUSES.includes(status);
}

export function productRow(product: Product): ProductsTable {
  return { id: product.id, name: product.name, type: orNull(product.type), description: orNull(product.description) };
}

/** `sections_with_default` when given (it includes the default section), else `sections`. */
export function sectionRows(product: Product): SectionsTable[] {
  const sections = product.sections_with_default?.length ? product.sections_with_default : (product.sections ?? []);
  const unique = new Map(sections.map((s) => [s.id, { id: s.id, product_id: product.id, name: orNull(s.name) }]));
  return [...unique.values()];
}

export function featureRows(productId: number, features: readonly Feature[]): { features: FeaturesTable[]; stories: UserStoriesTable[] } {
  const byId = new Map<number, Feature>(features.map((f) => [f.id, f]));
  const rows = [...byId.values()].map((f) => ({ id: f.id, product_id: productId, title: f.title ?? `Feature ${f.id}`, description: orNull(f.description), howtofind: orNull(f.howtofind) }));
  const stories = [...byId.values()].flatMap((f) =>
    (f.user_stories ?? []).filter((title) => title !== '').map((title, position) => ({ feature_id: f.id, position, product_id: productId, title })),
  );
  return { features: rows, stories };
}

export interface TestRows {
  test: TestsTable;
  features: TestFeaturesTable[];
  platforms: TestPlatformsTable[];
}

/** A test's row (bugs_synced_at left to the writer: it is set only once the bugs are stored). */
export function testRows(productId: number, test: ExploratoryTest, syncedAt: string): TestRows {
  const env = test.test_environment;
  const features = new Map<number, TestFeaturesTable>();
  for (const f of test.features ?? []) {
    // `feature_id` is the product feature; `id` the test feature (older answers only have `id`).
    const featureId = f.feature_id ?? f.id;
    if (featureId != null) features.set(featureId, { test_id: test.id, feature_id: featureId, product_id: productId, title: orNull(f.title) });
  }
  return {
    test: {
      id: test.id,
      product_id: productId,
      section_id: orNull(test.section?.id),
      title: test.title,
      status: test.status,
      testing_type: orNull(test.testing_type),
      start_at: utcIso(test.start_at),
      end_at: utcIso(test.end_at),
      created_by: orNull(test.created_by),
      submitted_by: orNull(test.submitted_by),
      review_status: orNull(test.review_status),
      environment_id: orNull(env?.id),
      environment_title: orNull(env?.title),
      environment_url: orNull(env?.url),
      immutable: isImmutableStatus(test.status) ? 1 : 0,
      synced_at: syncedAt,
      bugs_synced_at: null,
    },
    features: [...features.values()],
    platforms: (test.requirements ?? []).map((r, position) => ({
      test_id: test.id,
      position,
      operating_system: nameOf(r.operating_system),
      category: nameOf(r.category),
    })),
  };
}

export interface BugRows {
  bug: BugsTable;
  devices: BugDevicesTable[];
}

export function bugRows(productId: number, testId: number, bug: Bug): BugRows {
  const feature = bug.feature ?? bug.test_feature;
  const rejectReason = (bug as { reject_reason?: unknown }).reject_reason;
  return {
    bug: {
      id: bug.id,
      product_id: productId,
      test_id: bug.test?.id ?? testId,
      section_id: orNull(bug.section?.id),
      feature_id: orNull(feature?.id),
      feature_title: orNull(feature?.title),
      title: bug.title ?? `Bug ${bug.id}`,
      severity: severityBucket(bug),
      bug_type: bugType(bug),
      status: bugStatus(bug),
      known: bug.known ? 1 : 0,
      reject_reason: typeof rejectReason === 'string' && rejectReason !== '' ? rejectReason : null,
      author: orNull(bug.author?.name),
      language: orNull(bug.language),
      location: orNull(bug.location),
      reported_at: utcIso(bug.reported_at),
      exported_at: utcIso(bug.exported_at),
    },
    devices: (bug.devices ?? []).map((d, position) => ({
      bug_id: bug.id,
      position,
      operating_system: nameOf(d.operating_system),
      operating_system_version: nameOf(d.operating_system_version),
      device: nameOf(d.device),
      browsers: (d.browsers ?? []).map(nameOf).filter((n): n is string => n !== null).join(', ') || null,
      category: nameOf(d.category),
    })),
  };
}

/** Testers are bug authors; customers the people who created or submitted tests. */
export function userRows(tests: readonly TestsTable[], bugs: readonly BugsTable[]): UsersTable[] {
  const users = new Map<string, UsersTable>();
  const add = (kind: string, name: string | null) => {
    if (name) users.set(`${kind}\u0000${name}`, { kind, name });
  };
  for (const t of tests) {
    add('customer', t.created_by);
    add('customer', t.submitted_by);
  }
  for (const b of bugs) add('tester', b.author);
  return [...users.values()];
}

export const searchDoc = {
  product: (p: Product): SearchDocRow => ({ kind: 'product', entity_id: p.id, product_id: p.id, title: p.name, body: joinText(p.description) }),
  feature: (productId: number, f: Feature): SearchDocRow => ({
    kind: 'feature',
    entity_id: f.id,
    product_id: productId,
    title: f.title ?? `Feature ${f.id}`,
    body: joinText(f.description, f.howtofind, ...(f.user_stories ?? [])),
  }),
  test: (productId: number, t: ExploratoryTest): SearchDocRow => ({
    kind: 'test',
    entity_id: t.id,
    product_id: productId,
    title: t.title,
    body: joinText(t.goal_text ?? t.goal, t.out_of_scope_text ?? t.out_of_scope),
  }),
  bug: (row: BugsTable, b: Bug): SearchDocRow => ({
    kind: 'bug',
    entity_id: row.id,
    product_id: row.product_id,
    title: row.title,
    body: joinText(b.actual_result, b.expected_result, ...b.steps, b.location),
  }),
};
