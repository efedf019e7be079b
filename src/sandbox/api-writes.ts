/**
 * Write endpoints: bug review actions, test creation and launch. They mutate the live data, so a
 * following read (and `handle.data`) shows the change.
 */
import { addHours, isoWithOffset } from './dates.js';
import { ApiError } from './http-utils.js';
import type { RouteRequest, Router } from './router.js';
import { testRecord, toTestFeature } from './test-record.js';
import type { SandboxStore } from './store.js';
import type { Bug, ExploratoryTest, Feature, RejectReasonKey, Section, TestEnvironment, TestFeature, TestingType } from './types.js';

const TESTING_TYPES: readonly TestingType[] = ['coverage', 'usability', 'rapid', 'focused'];
const API_USER = 'api_user';

const now = () => isoWithOffset(new Date());

function text(value: unknown, name: string, required: boolean): string {
  if (value === undefined || value === null || value === '') {
    if (required) throw new ApiError(422, `${name} is required.`);
    return '';
  }
  if (typeof value !== 'string') throw new ApiError(422, `${name} must be a string.`);
  return value;
}

function objectOrUndefined(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ApiError(422, `${name} must be an object.`);
  return value as Record<string, unknown>;
}

function numericId(value: unknown, name: string): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw new ApiError(422, `${name} must be a positive integer.`);
  return id;
}

/** Accepting and rejecting are reviews of an open bug: only a forwarded one can get either. */
function requireForwarded(bug: Bug, verb: string): void {
  if (bug.status !== 'forwarded') {
    throw new ApiError(422, `Only forwarded bugs can be ${verb}; bug ${bug.id} is ${bug.status}.`);
  }
}

function registerBugWrites(router: Router, store: SandboxStore): void {
  const action = (name: string, apply: (bug: Bug, request: RouteRequest) => void) =>
    router.add('PUT', `/bugs/:id/${name}`, (request) => {
      const bug = store.bug(request.params.id!);
      apply(bug, request);
      return { body: { bug } };
    });

  action('accept', (bug) => {
    requireForwarded(bug, 'accepted');
    bug.status = 'accepted';
    bug.auto_accepted = false;
    bug.reject_reason = null;
    bug.reject_comment = null;
  });
  action('mark_as_known', (bug) => {
    bug.known = true;
  });
  action('mark_as_fixed', (bug) => {
    bug.fixed = true;
  });
  action('mark_as_exported', (bug) => {
    bug.export_status = 'exported';
    bug.exported_at = now();
    bug.external_idx ??= `SBX-${bug.id}`;
  });
  action('reject', (bug, { body, query }) => {
    // Some clients send reason and comment as query parameters: accept both.
    const reason = body.reason ?? query.get('reason') ?? undefined;
    const comment = body.comment ?? query.get('comment') ?? undefined;
    if (reason === undefined || reason === '' || comment === undefined || comment === '') {
      throw new ApiError(400, 'reason and comment are both required to reject a bug.');
    }
    if (typeof reason !== 'string' || !store.data.reject_reasons.some((r) => r.key === reason)) {
      throw new ApiError(422, `reason must be one of ${store.data.reject_reasons.map((r) => r.key).join(', ')}.`);
    }
    if (typeof comment !== 'string') throw new ApiError(422, 'comment must be a string.');
    requireForwarded(bug, 'rejected');
    bug.status = 'rejected';
    bug.auto_accepted = false;
    bug.reject_reason = reason as RejectReasonKey;
    bug.reject_comment = comment;
    bug.comments.push({ id: bug.id * 10 + bug.comments.length, body: comment, author: { name: API_USER }, created_at: now() });
  });
}

/** Changes to the catalog wait here until the whole request has validated, so a 422 changes nothing. */
type Commits = Array<() => void>;

function resolveEnvironment(store: SandboxStore, productId: number, raw: Record<string, unknown> | undefined, commits: Commits): TestEnvironment {
  const environments = store.catalog(productId).test_environments;
  if (!raw) return { ...environments[0]! };
  if (raw.id !== undefined) {
    const id = numericId(raw.id, 'test_environment.id');
    const found = environments.find((e) => e.id === id);
    if (!found) throw new ApiError(422, `test_environment ${id} does not belong to product ${productId}.`);
    return { ...found };
  }
  const environment: TestEnvironment = {
    id: Math.max(...store.data.catalogs.flatMap((c) => c.test_environments.map((e) => e.id))) + 1,
    title: text(raw.title, 'test_environment.title', true),
    url: text(raw.url, 'test_environment.url', true),
    access_type: 'public',
  };
  commits.push(() => environments.push(environment));
  return { ...environment };
}

function resolveFeatures(store: SandboxStore, productId: number, raw: unknown, templateFeatureIds: number[], commits: Commits): Feature[] {
  const catalog = store.catalog(productId);
  if (raw === undefined) return catalog.features.filter((f) => templateFeatureIds.includes(f.id));
  if (!Array.isArray(raw) || raw.length === 0) throw new ApiError(422, 'features must be a non-empty array.');
  let nextId = Math.max(...store.data.catalogs.flatMap((c) => c.features.map((f) => f.id))) + 1;
  return raw.map((item, i) => {
    const entry = objectOrUndefined(item, `features[${i}]`) ?? {};
    if (entry.id !== undefined) {
      const id = numericId(entry.id, `features[${i}].id`);
      const found = catalog.features.find((f) => f.id === id);
      if (!found) throw new ApiError(422, `Feature ${id} does not belong to product ${productId}.`);
      return found;
    }
    const feature: Feature = {
      id: nextId++,
      title: text(entry.title, `features[${i}].title`, true),
      description: text(entry.description, `features[${i}].description`, false),
      howtofind: text(entry.howtofind, `features[${i}].howtofind`, false),
      user_stories: [],
    };
    commits.push(() => catalog.features.push(feature));
    return feature;
  });
}

function createTest(store: SandboxStore, productId: number, body: Record<string, unknown>): ExploratoryTest {
  const product = store.product(productId);
  const input = objectOrUndefined(body.exploratory_test, 'exploratory_test');
  if (!input) throw new ApiError(400, 'Request body must have an "exploratory_test" object.');

  const templateRef = objectOrUndefined(input.test_template, 'test_template');
  const template = templateRef
    ? store.catalog(productId).test_templates.find((t) => t.id === numericId(templateRef.id, 'test_template.id'))
    : undefined;
  if (templateRef && !template) throw new ApiError(422, `test_template ${String(templateRef.id)} does not belong to product ${productId}.`);
  if (input.features === undefined && !template) throw new ApiError(422, 'features (or a test_template) is required.');

  const title = text(input.test_title ?? input.title, 'test_title', true);
  const startRaw = text(input.start_at, 'start_at', true);
  const start = new Date(startRaw);
  if (Number.isNaN(start.getTime())) throw new ApiError(422, `start_at must be an ISO 8601 date-time (got ${JSON.stringify(startRaw)}).`);
  const durationRaw = input.duration ?? template?.duration;
  const hours = typeof durationRaw === 'number' ? durationRaw : Number(text(durationRaw, 'duration', true));
  if (!Number.isFinite(hours) || hours <= 0) throw new ApiError(422, 'duration must be a positive number of hours, as a string.');
  const testingType = (input.testing_type ?? template?.testing_type ?? 'coverage') as TestingType;
  if (!TESTING_TYPES.includes(testingType)) throw new ApiError(422, `testing_type must be one of ${TESTING_TYPES.join(', ')}.`);

  let section: Section = { id: product.default_section_id, name: 'Default' };
  if (input.section_id !== undefined && input.section_id !== null) {
    const sectionId = numericId(input.section_id, 'section_id');
    const found = product.sections_with_default.find((s) => s.id === sectionId);
    if (!found) throw new ApiError(422, `section_id ${sectionId} does not belong to product ${productId}.`);
    section = { ...found };
  }

  const commits: Commits = [];
  const features = resolveFeatures(store, productId, input.features, template?.feature_ids ?? [], commits);
  const environment = resolveEnvironment(store, productId, objectOrUndefined(input.test_environment, 'test_environment'), commits);
  const goal = text(input.goal, 'goal', false) || template?.goal || '';
  const instructions = text(input.instructions, 'instructions', false) || template?.instructions || '';
  const outOfScope = text(input.out_of_scope, 'out_of_scope', false) || template?.out_of_scope || '';
  const id = store.nextTestId();
  let testFeatureId = id * 100;
  const testFeatures: TestFeature[] = features.map((f) => toTestFeature(f, testFeatureId++));

  const test = testRecord({
    id,
    title,
    status: 'initialized',
    testingType,
    goal,
    instructions,
    outOfScope,
    start,
    hours,
    createdAt: now(),
    createdBy: API_USER,
    submittedBy: null,
    enableLow: true,
    reportLanguage: input.report_language === 'de' ? 'de' : 'en',
    reviewStatus: 'not_submitted',
    environment,
    features: testFeatures,
    product,
    section,
  });
  for (const commit of commits) commit();
  store.addTest(test);
  return test;
}

export function registerWriteRoutes(router: Router, store: SandboxStore): void {
  registerBugWrites(router, store);

  router.add('POST', '/products/:pid/exploratory_tests', ({ params, body }) => ({
    status: 201,
    body: { exploratory_test: createTest(store, params.pid!, body) },
  }));

  router.add('POST', '/exploratory_tests/:id/launch', ({ params }) => {
    const test = store.test(params.id!);
    if (test.status !== 'initialized') {
      throw new ApiError(422, `Only initialized tests can be launched; test ${test.id} is ${test.status}.`);
    }
    // Launching starts the test now (or at its start date when that is already past).
    const start = new Date(Math.min(Date.now(), Date.parse(test.start_at)));
    test.start_at = isoWithOffset(start);
    test.end_at = isoWithOffset(addHours(start, Number(test.duration)));
    test.status = 'running';
    test.submitted_by = test.created_by ?? API_USER;
    test.review_status = 'review_successful';
    return { body: { exploratory_test: test } };
  });
}
