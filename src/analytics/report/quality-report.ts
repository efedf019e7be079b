/**
 * generate_quality_report over the analytics store: tests by status and type, bugs by status and
 * severity with the contract's rates, bugs per test, per-product and per-feature breakdowns, a trend
 * per week or month, the previous period of the same length, and playbook health indicators.
 *
 * Every figure comes from the metrics layer's aggregate() and summaryOf(), over one scope: the
 * tests that started in the period (or the given tests), and all their bugs. So the report agrees
 * with query_metrics and with generate_status_report over the same tests.
 */
import { sql } from 'kysely';
import { aggregate, type Group, type Scope } from '../metrics/aggregate.js';
import { emptyCounts, summaryOf, type DimensionName, type Need } from '../metrics/registry.js';
import type { AnalyticsStore } from '../store/open-store.js';
import { healthIndicators } from './health.js';
import { TEST_LIST_LIMIT, type QualityReport } from './schema.js';
import { compare, type PeriodFigures } from './trends.js';

export interface QualityReportRequest {
  productIds?: number[];
  testIds?: number[];
  testStatuses?: string[];
  period?: { start: Date; end: Date };
  now: Date;
}

export const FEATURE_LIMIT = 15;
const DAY = 86_400_000;

const ALL: ReadonlySet<Need> = new Set(['bugs', 'tests', 'features', 'testers']);
const BUGS_AND_TESTS: ReadonlySet<Need> = new Set(['bugs', 'tests']);

const perTest = (bugs: number, tests: number) => (tests === 0 ? null : Math.round((bugs / tests) * 1_000_000) / 1_000_000);
const days = (start: Date, end: Date) => Math.round(((end.getTime() - start.getTime() + 1) / DAY) * 100) / 100;

export function previousPeriod(period: { start: Date; end: Date }): { start: Date; end: Date } {
  const length = period.end.getTime() - period.start.getTime();
  const end = new Date(period.start.getTime() - 1);
  return { start: new Date(end.getTime() - length), end };
}

export async function buildQualityReport(store: AnalyticsStore, request: QualityReportRequest): Promise<QualityReport> {
  const started = performance.now();
  const scope: Scope = {
    productIds: request.productIds,
    testIds: request.testIds,
    testStatuses: request.testStatuses,
    start: request.period?.start.toISOString(),
    end: request.period?.end.toISOString(),
  };
  const run = (dimensions: DimensionName[], needs: ReadonlySet<Need>, over: Scope = scope) => aggregate({ db: store.db, dialect: store.dialect, scope: over, dimensions, needs });
  const previous = request.period ? previousPeriod(request.period) : null;
  const unit: 'week' | 'month' = request.period && days(request.period.start, request.period.end) <= 92 ? 'week' : 'month';
  const [totals, byProduct, byStatus, byType, byFeature, trend, byTest, listed, before, names] = await Promise.all([
    run([], ALL),
    run(['product'], BUGS_AND_TESTS),
    run(['test_status'], new Set(['tests'])),
    run(['testing_type'], new Set(['tests'])),
    run(['feature'], BUGS_AND_TESTS),
    run([unit], BUGS_AND_TESTS),
    run(['test'], new Set(['bugs'])),
    listTests(store, scope),
    previous ? run([], BUGS_AND_TESTS, { ...scope, start: previous.start.toISOString(), end: previous.end.toISOString() }) : Promise.resolve(null),
    productNames(store, request.productIds ?? []),
  ]);

  const total = totals[0];
  const bugs = summaryOf(total?.counts ?? emptyGroup().counts);
  const tests = total?.counts.tests ?? 0;
  const current: PeriodFigures = { tests, bugs, bugsPerTest: perTest(bugs.total, tests) };
  const prior = before ? figuresOf(before[0]) : null;
  const bugsByTest = new Map(byTest.map((g) => [Number(g.keys[0]), summaryOf(g.counts)]));

  const products = mergeProducts(byProduct, names);
  const warnings = await warningsFor(store, request, products.map((p) => p.product_id), listed.length);
  return {
    generated_at: request.now.toISOString(),
    scope: {
      product_ids: products.map((p) => p.product_id),
      test_ids: request.testIds ?? null,
      test_statuses: request.testStatuses ?? null,
      period: request.period ? { start: request.period.start.toISOString(), end: request.period.end.toISOString(), days: days(request.period.start, request.period.end) } : null,
      previous_period: previous ? { start: previous.start.toISOString(), end: previous.end.toISOString(), days: days(previous.start, previous.end) } : null,
    },
    tests: { total: tests, by_status: countsBy(byStatus), by_testing_type: countsBy(byType) },
    bugs,
    bugs_per_test: current.bugsPerTest,
    active_testers: total?.counts.testers ?? 0,
    features_tested: total?.counts.features ?? 0,
    products,
    features: byFeature
      .map((g) => {
        const s = summaryOf(g.counts);
        return { feature_id: g.keys[0] === null ? null : Number(g.keys[0]), title: g.labels[0] ?? (g.keys[0] === null ? '(no feature)' : `#${g.keys[0]}`), bugs: s.total, critical: s.by_severity.critical, high: s.by_severity.high, rejection_rate: s.rates.rejection_rate, tests: g.counts.tests };
      })
      .filter((f) => f.bugs > 0 || f.tests > 0)
      .sort((a, b) => b.bugs - a.bugs || b.critical - a.critical || a.title.localeCompare(b.title))
      .slice(0, FEATURE_LIMIT),
    trend: {
      unit,
      points: trend
        .filter((g) => g.keys[0] !== null)
        .map((g) => {
          const s = summaryOf(g.counts);
          const { acceptance_rate, rejection_rate, auto_acceptance_rate, review_rate } = s.rates;
          return { period: String(g.keys[0]), tests: g.counts.tests, bugs: s.total, bugs_per_test: perTest(s.total, g.counts.tests), acceptance_rate, rejection_rate, auto_acceptance_rate, review_rate };
        })
        .sort((a, b) => a.period.localeCompare(b.period)),
    },
    comparison: prior ? compare(current, prior) : [],
    health: healthIndicators(bugs),
    test_list: listed.slice(0, TEST_LIST_LIMIT).map((t) => {
      const s = bugsByTest.get(t.id) ?? summaryOf(emptyGroup().counts);
      return { test_id: t.id, title: t.title, status: t.status, testing_type: t.testing_type, start_at: t.start_at, bugs: s.total, critical: s.by_severity.critical, open: s.by_status.open, rejection_rate: s.rates.rejection_rate };
    }),
    test_list_truncated: listed.length > TEST_LIST_LIMIT,
    warnings,
    query_ms: Math.round((performance.now() - started) * 100) / 100,
  };
}

const emptyGroup = (): Group => ({ keys: [], labels: [], counts: emptyCounts() });

function figuresOf(group: Group | undefined): PeriodFigures {
  const bugs = summaryOf(group?.counts ?? emptyGroup().counts);
  const tests = group?.counts.tests ?? 0;
  return { tests, bugs, bugsPerTest: perTest(bugs.total, tests) };
}

function countsBy(groups: Group[]): Record<string, number> {
  return Object.fromEntries(groups.filter((g) => g.counts.tests > 0).map((g) => [String(g.keys[0] ?? 'unknown'), g.counts.tests]));
}

function mergeProducts(groups: Group[], names: Map<number, string>): QualityReport['products'] {
  const byId = new Map(groups.map((g) => [Number(g.keys[0]), g]));
  const ids = [...new Set([...names.keys(), ...byId.keys()])];
  return ids
    .map((id) => {
      const g = byId.get(id);
      const bugs = summaryOf(g?.counts ?? emptyGroup().counts);
      const tests = g?.counts.tests ?? 0;
      return { product_id: id, name: g?.labels[0] ?? names.get(id) ?? `Product ${id}`, tests, bugs_per_test: perTest(bugs.total, tests), bugs };
    })
    .sort((a, b) => b.bugs.total - a.bugs.total || a.product_id - b.product_id);
}

interface ListedTest {
  id: number;
  title: string;
  status: string;
  testing_type: string | null;
  start_at: string | null;
}

async function listTests(store: AnalyticsStore, scope: Scope): Promise<ListedTest[]> {
  let q = store.db.selectFrom('tests as t').select(['t.id', 't.title', 't.status', 't.testing_type', 't.start_at']);
  if (scope.productIds?.length) q = q.where('t.product_id', 'in', [...scope.productIds]);
  if (scope.testIds?.length) q = q.where('t.id', 'in', [...scope.testIds]);
  if (scope.testStatuses?.length) q = q.where('t.status', 'in', [...scope.testStatuses]);
  if (scope.start) q = q.where('t.start_at', '>=', scope.start);
  if (scope.end) q = q.where('t.start_at', '<=', scope.end);
  const rows = await q.orderBy(sql`t.start_at`, 'desc').orderBy('t.id', 'desc').limit(TEST_LIST_LIMIT + 1).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

async function productNames(store: AnalyticsStore, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await store.db.selectFrom('products').select(['id', 'name']).where('id', 'in', ids).execute();
  const names = new Map(rows.map((r) => [Number(r.id), r.name]));
  return new Map(ids.map((id) => [id, names.get(id) ?? `Product ${id}`]));
}

async function warningsFor(store: AnalyticsStore, request: QualityReportRequest, productIds: number[], listed: number): Promise<string[]> {
  const warnings: string[] = [];
  const synced = new Set((await store.db.selectFrom('sync_state').select('product_id').execute()).map((r) => Number(r.product_id)));
  const missing = productIds.filter((id) => !synced.has(id));
  if (synced.size === 0) warnings.push('The analytics store holds no synced product yet: run sync_data first.');
  else if (missing.length) warnings.push(`Not synced: product ${missing.join(', ')}. Run sync_data with product_ids [${missing.join(', ')}] for complete figures.`);
  if (request.testIds?.length) {
    const found = await store.db.selectFrom('tests').select('id').where('id', 'in', request.testIds).execute();
    const have = new Set(found.map((r) => Number(r.id)));
    const absent = request.testIds.filter((id) => !have.has(id));
    if (absent.length) warnings.push(`Test${absent.length > 1 ? 's' : ''} ${absent.join(', ')} ${absent.length > 1 ? 'are' : 'is'} not in the store (not synced, or another account's): left out of every figure.`);
  }
  if (listed === 0) warnings.push('No test in this scope: widen the period or check the product ids and statuses.');
  return warnings;
}
