/**
 * Consistency you can prove (issue #14): over random sandbox seeds, with some bugs stripped of their
 * feature and some tests of every feature, for any filter, list_bugs, the summaries,
 * get_test_status, generate_status_report and generate_quality_report agree with each other and
 * with a plain recount of the raw API data; every rate lies in [0, 1]. Through a real MCP client on SQLite; the same queries
 * over a PostgreSQL store (schema named "atools...") are checked against the same recount.
 */
import fc from 'fast-check';
import { AnalyticsQueries } from '../../src/analytics/queries/service.js';
import type { BugList } from '../../src/analytics/queries/list-bugs.js';
import type { FeatureList } from '../../src/analytics/queries/list-features.js';
import type { FeatureSummary, ProductSummary, UserSummary } from '../../src/analytics/queries/schemas.js';
import type { QualityReport } from '../../src/analytics/report/schema.js';
import type { SandboxData } from '../../src/sandbox/index.js';
import type { StatusReport } from '../../src/testio/services/status-report-service.js';
import type { TestStatus } from '../../src/testio/services/schemas.js';
import type { BugSummary } from '../../src/testio/services/bug-classify.js';
import { startSyncedStore } from '../helpers/analytics-store.js';
import { describeWithPostgres } from '../helpers/services.js';
import type { Harness } from '../helpers/harness.js';
import { expectedSummary } from '../testio-tools/sandbox-expect.js';
import { callOk, MAIN_PRODUCT, startAnalyticsHarness } from './tool-harness.js';

type WireBug = SandboxData['bugs'][number];
const STATUSES = ['accepted', 'auto_accepted', 'rejected', 'forwarded'] as const;
const SEVERITIES = ['critical', 'high', 'low', 'visual', 'content', 'custom'] as const;

/** The bucket of a wire bug, written out again here, apart from the code under test. */
const bucket = (b: WireBug) => (b.status === 'accepted' ? (b.auto_accepted ? 'auto_accepted' : 'accepted') : b.status === 'rejected' ? 'rejected' : 'forwarded');
const typeOf = (b: WireBug) => (['critical', 'high', 'low'].includes(b.severity) ? 'functional' : b.severity);

/** Strips the feature from about a sixth of the bugs and every feature from about a sixth of the tests. */
function stripFeatures(data: SandboxData, salt: number): void {
  for (const bug of data.bugs) if ((bug.id + salt) % 6 === 0) delete (bug as Partial<WireBug>).feature;
  for (const test of data.tests) if ((test.id + salt) % 6 === 0) test.features = [];
}

interface Filter {
  statuses?: (typeof STATUSES)[number][];
  severities?: (typeof SEVERITIES)[number][];
  bug_types?: ('functional' | 'visual' | 'content' | 'custom')[];
  reject_reasons?: string[];
  authors?: string[];
  feature_ids?: number[];
  without_feature?: boolean;
  known?: boolean;
  start_date?: string;
  end_date?: string;
}

function recount(data: SandboxData, products: number[], f: Filter, period: { start: string; end: string } | null): WireBug[] {
  const any = <T>(list: T[] | undefined, v: T) => !list || list.includes(v);
  return data.bugs.filter(
    (b) =>
      products.includes(b.product.id) &&
      any(f.statuses, bucket(b)) &&
      any(f.severities, b.severity) &&
      any(f.bug_types, typeOf(b)) &&
      (!f.reject_reasons || (b.reject_reason !== null && f.reject_reasons.includes(b.reject_reason))) &&
      any(f.authors, b.author.name) &&
      (!(f.feature_ids || f.without_feature) || (b.feature ? !!f.feature_ids?.includes(b.feature.id) : !!f.without_feature)) &&
      (f.known === undefined || b.known === f.known) &&
      (!period || (Date.parse(b.reported_at) >= Date.parse(period.start) && Date.parse(b.reported_at) <= Date.parse(period.end))),
  );
}

function filterArb(data: SandboxData, products: number[]): fc.Arbitrary<Filter> {
  const bugs = data.bugs.filter((b) => products.includes(b.product.id));
  const authors = [...new Set(bugs.map((b) => b.author.name))].slice(0, 12);
  const features = [...new Set(bugs.flatMap((b) => (b.feature ? [b.feature.id] : [])))].slice(0, 12);
  const day = fc.integer({ min: 0, max: 1000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const some = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
  return fc
    .record(
      {
        statuses: some(STATUSES),
        severities: some(SEVERITIES),
        bug_types: some(['functional', 'visual', 'content', 'custom'] as const),
        reject_reasons: some(['not_reproducible', 'intended_behavior', 'device_not_relevant', 'known_bug']),
        authors: some(authors),
        feature_ids: some(features),
        without_feature: fc.boolean(),
        known: fc.boolean(),
        start_date: day,
        end_date: day,
      },
      { requiredKeys: [] },
    )
    .map((f) => (f.start_date && f.end_date && f.end_date < f.start_date ? { ...f, start_date: f.end_date, end_date: f.start_date } : f.end_date && !f.start_date ? { ...f, start_date: '2024-01-01' } : f));
}

const counts = (s: BugSummary) => ({ total: s.total, by_status: s.by_status, by_severity: s.by_severity, known: s.known });
const expectCounts = (s: BugSummary, bugs: readonly WireBug[]) => {
  const e = expectedSummary(bugs);
  expect(counts(s)).toEqual({ total: e.total, by_status: e.by_status, by_severity: e.by_severity, known: e.known });
  for (const r of Object.values(s.rates)) if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
};

async function checkSeed(h: Harness, products: number[]): Promise<void> {
  const data = h.sandbox!.data;
  // 1. Any filter: list_bugs equals the recount.
  await fc.assert(
    fc.asyncProperty(filterArb(data, products), async (filter) => {
      const out = await callOk<BugList & { period: { start: string; end: string } | null }>(h, 'list_bugs', { product_ids: products, ...filter, page_size: 5 });
      expectCounts(out.summary, recount(data, products, filter, out.period));
    }),
    { numRuns: 20 },
  );
  for (const productId of products) {
    const mine = data.bugs.filter((b) => b.product.id === productId);
    const tests = data.tests.filter((t) => t.product.id === productId);
    // 2. The product summary, its features and list_bugs, with the featureless counted.
    const product = await callOk<ProductSummary>(h, 'get_product_summary', { product_id: productId });
    const listed = await callOk<BugList>(h, 'list_bugs', { product_ids: [productId] });
    expectCounts(product.bugs, mine);
    expect(product.bugs).toEqual(listed.summary);
    expect(product.bugs_without_feature).toBe(mine.filter((b) => !b.feature).length);
    expect(product.bugs_without_feature).toBeGreaterThan(0);
    expect(product.tests).toMatchObject({ total: tests.length, without_features: tests.filter((t) => t.features.length === 0).length });
    const features = await callOk<FeatureList>(h, 'list_features', { product_id: productId });
    expect(features.features.reduce((a, f) => a + f.bugs, 0) + features.bugs_without_feature).toBe(mine.length);
    const top = features.features[0]!;
    const feature = await callOk<FeatureSummary>(h, 'get_feature_summary', { feature_id: top.id });
    expect(feature.bugs).toEqual((await callOk<BugList>(h, 'list_bugs', { feature_ids: [top.id] })).summary);
    expectCounts(feature.bugs, mine.filter((b) => b.feature?.id === top.id));
    const author = mine[0]!.author.name;
    const user = await callOk<UserSummary>(h, 'get_user_summary', { user: author });
    expectCounts(user.as_tester!.bugs, data.bugs.filter((b) => b.author.name === author && products.includes(b.product.id)));
    // 3. get_test_status and generate_status_report agree with list_bugs per test and in total.
    const picked = tests.filter((_, i) => i % Math.max(1, Math.floor(tests.length / 4)) === 0).slice(0, 4).map((t) => t.id);
    for (const testId of picked) {
      const status = await callOk<TestStatus>(h, 'get_test_status', { test_id: testId });
      expect(status.bugs).toEqual((await callOk<BugList>(h, 'list_bugs', { test_ids: [testId] })).summary);
    }
    const report = await callOk<StatusReport>(h, 'generate_status_report', { test_ids: picked, format: 'json' });
    expect(report.totals).toEqual((await callOk<BugList>(h, 'list_bugs', { test_ids: picked })).summary);
    expectCounts(report.totals, data.bugs.filter((b) => picked.includes(b.test.id)));
    // 4. generate_quality_report over the same tests, and over all of the product's tests.
    const quality = await callOk<QualityReport>(h, 'generate_quality_report', { test_ids: picked, format: 'json' });
    expect(quality.bugs).toEqual(report.totals);
    expect(quality.tests.total).toBe(picked.length);
    expectRatesInRange(quality);
    const whole = await callOk<QualityReport>(h, 'generate_quality_report', { product_ids: [productId], start_date: '2000-01-01', end_date: '2099-12-31', format: 'json' });
    expect(whole.bugs).toEqual(product.bugs);
    expect(whole.tests.total).toBe(product.tests.total);
    expect(whole.features.find((f) => f.feature_id === null)?.bugs ?? 0).toBe(product.bugs_without_feature);
  }
  await checkQualityReports(h, products);
}

/** Every number under a key that names a rate (and a health indicator's or a rate comparison's values), anywhere in an answer, lies in [0, 1]. */
function expectRatesInRange(value: unknown, path = 'answer'): void {
  if (Array.isArray(value)) return value.forEach((v, i) => expectRatesInRange(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const rateRow = typeof o.indicator === 'string' || (typeof o.metric === 'string' && o.metric.endsWith('_rate'));
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number' && (k.endsWith('_rate') || (rateRow && ['value', 'current', 'previous'].includes(k)))) {
      expect({ at: `${path}.${k}`, inRange: v >= 0 && v <= 1 }).toEqual({ at: `${path}.${k}`, inRange: true });
    }
    expectRatesInRange(v, `${path}.${k}`);
  }
}

const total = (values: number[]) => values.reduce((a, n) => a + n, 0);

/**
 * For any period and products: the quality report's figures equal a recount of the raw API data
 * (the tests that started in the period and all their bugs), per product and per feature, its trend
 * adds up to its totals, and list_bugs over the same tests gives the same summary.
 */
async function checkQualityReports(h: Harness, products: number[]): Promise<void> {
  const data = h.sandbox!.data;
  const day = fc.integer({ min: 0, max: 1100 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  await fc.assert(
    fc.asyncProperty(day, day, fc.subarray(products, { minLength: 1 }), async (a, b, scope) => {
      const [start_date, end_date] = a <= b ? [a, b] : [b, a];
      const report = await callOk<QualityReport>(h, 'generate_quality_report', { product_ids: scope, start_date, end_date, format: 'json' });
      const { start, end } = report.scope.period!;
      const tests = data.tests.filter((t) => scope.includes(t.product.id) && Date.parse(t.start_at) >= Date.parse(start) && Date.parse(t.start_at) <= Date.parse(end));
      const ids = new Set(tests.map((t) => t.id));
      const bugs = data.bugs.filter((bug) => ids.has(bug.test.id));
      expect(report.tests.total).toBe(tests.length);
      expect(total(Object.values(report.tests.by_status))).toBe(tests.length);
      expectCounts(report.bugs, bugs);
      expect(report.products.map((p) => p.product_id).sort()).toEqual([...scope].sort());
      for (const p of report.products) {
        expect(p.tests).toBe(tests.filter((t) => t.product.id === p.product_id).length);
        expectCounts(p.bugs, bugs.filter((bug) => bug.product.id === p.product_id));
      }
      for (const f of report.features) expect(f.bugs).toBe(bugs.filter((bug) => (bug.feature?.id ?? null) === f.feature_id).length);
      expect(total(report.trend.points.map((p) => p.bugs))).toBe(bugs.length);
      expect(total(report.trend.points.map((p) => p.tests))).toBe(tests.length);
      // list_bugs over the same tests (at most 50 ids a call): the same counts.
      const listed = [...ids];
      const sums = { total: 0, known: 0, status: {} as Record<string, number>, severity: {} as Record<string, number> };
      for (let i = 0; i < listed.length; i += 50) {
        const part = (await callOk<BugList>(h, 'list_bugs', { test_ids: listed.slice(i, i + 50), page_size: 1 })).summary;
        sums.total += part.total;
        sums.known += part.known;
        for (const [k, n] of Object.entries(part.by_status)) sums.status[k] = (sums.status[k] ?? 0) + n;
        for (const [k, n] of Object.entries(part.by_severity)) sums.severity[k] = (sums.severity[k] ?? 0) + n;
      }
      if (listed.length > 0) expect(sums).toEqual({ total: report.bugs.total, known: report.bugs.known, status: report.bugs.by_status, severity: report.bugs.by_severity });
      expectRatesInRange(report);
    }),
    { numRuns: 6 },
  );
}

describe('analytics counts agree with each other and with the raw API data', () => {
  it('over random sandbox seeds, through the MCP tools (SQLite store)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 5 }), async (seed, salt) => {
        let products: number[] = [];
        const h = await startAnalyticsHarness({
          sandbox: { seed },
          beforeSync: (harness) => {
            const data = harness.sandbox!.data;
            stripFeatures(data, salt);
            const other = data.products.find((p) => p.id !== MAIN_PRODUCT && data.bugs.some((b) => b.product.id === p.id))!.id;
            products = [MAIN_PRODUCT, other];
            return products;
          },
        });
        try {
          await checkSeed(h, products);
        } finally {
          await h.close();
        }
      }),
      { numRuns: 2 },
    );
  });
});

describeWithPostgres('analytics counts on PostgreSQL', () => {
  it('for any filter, the queries over a PostgreSQL store equal the recount', async () => {
    const seed = 777;
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const sandbox = await startSandbox({ port: 0, seed });
    stripFeatures(sandbox.data, 1);
    const synced = await startSyncedStore({ sandbox, dialect: 'postgres', tenantId: `atools${seed}`, request: { productIds: [MAIN_PRODUCT] } });
    try {
      const queries = new AnalyticsQueries({ tenantId: synced.store.tenantId, store: async () => synced.store });
      await fc.assert(
        fc.asyncProperty(filterArb(sandbox.data, [MAIN_PRODUCT]), async (filter) => {
          const { start_date, end_date, ...rest } = filter;
          const out = await queries.listBugs({ filter: { product_ids: [MAIN_PRODUCT], ...rest }, start_date, end_date, page_size: 5 });
          expectCounts(out.summary, recount(sandbox.data, [MAIN_PRODUCT], filter, out.period));
        }),
        { numRuns: 30 },
      );
      const product = await queries.productSummary(MAIN_PRODUCT);
      expectCounts(product.bugs, sandbox.data.bugs.filter((b) => b.product.id === MAIN_PRODUCT));
      expect(product.bugs_without_feature).toBe(sandbox.data.bugs.filter((b) => b.product.id === MAIN_PRODUCT && !b.feature).length);
    } finally {
      await synced.close();
      await sandbox.close();
    }
  });
});
