/**
 * query_metrics and generate_quality_report on PostgreSQL (DATABASE_URL) give the figures SQLite
 * gives for the same synced data: one sandbox synced over HTTP into a SQLite store and into a
 * PostgreSQL schema, then every dimension alone and in pairs, with every metric, and quality reports
 * over a product, several products and a list of tests, compared field by field (only the timing
 * and the generation time may differ).
 */
import { queryMetrics, type MetricsAnswer, type MetricsRequest } from '../../src/analytics/metrics/query-metrics.js';
import { DIMENSION_NAMES, METRIC_NAMES } from '../../src/analytics/metrics/registry.js';
import { buildQualityReport, type QualityReportRequest } from '../../src/analytics/report/quality-report.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { startSyncedStore, type SyncedStore } from '../helpers/analytics-store.js';
import { describeWithPostgres } from '../helpers/services.js';

const MAIN = 25073;
const PERIOD = { start: '2024-01-01T00:00:00.000Z', end: '2025-12-31T23:59:59.999Z' };
const withoutTiming = <T extends { query_ms: number }>(answer: T) => ({ ...answer, query_ms: 0 });

describeWithPostgres('insights on PostgreSQL equal SQLite for the same synced data', () => {
  let sandbox: SandboxHandle;
  let lite: SyncedStore;
  let pg: SyncedStore;
  let products: number[];
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 4242 });
    products = [MAIN, sandbox.data.products.find((p) => p.id !== MAIN && sandbox.data.bugs.some((b) => b.product.id === p.id))!.id];
    const request = { productIds: products };
    lite = await startSyncedStore({ sandbox, request });
    pg = await startSyncedStore({ sandbox, dialect: 'postgres', tenantId: `ainsights${process.pid}`, request });
    expect([lite.result.errors, pg.result.errors]).toEqual([[], []]);
  }, 120_000);
  afterAll(async () => {
    await pg?.close();
    await lite?.close();
    await sandbox?.close();
  });

  const both = async (request: MetricsRequest): Promise<[MetricsAnswer, MetricsAnswer]> => [
    withoutTiming(await queryMetrics(lite.store, request)),
    withoutTiming(await queryMetrics(pg.store, request)),
  ];

  it('query_metrics: every dimension alone and every pair, with every metric', async () => {
    const shapes = [[], ...DIMENSION_NAMES.map((d) => [d]), ...DIMENSION_NAMES.flatMap((a, i) => DIMENSION_NAMES.slice(i + 1).map((b) => [a, b]))];
    let rows = 0;
    for (const dimensions of shapes) {
      const request: MetricsRequest = { metrics: [...METRIC_NAMES], dimensions: dimensions as MetricsRequest['dimensions'], ...PERIOD, limit: 1000 };
      const [sqlite, postgres] = await both(request);
      expect({ dimensions, answer: postgres }).toEqual({ dimensions, answer: sqlite });
      rows += sqlite.rows.length;
    }
    // Not vacuous: the pairs found groups with bugs in them.
    expect(rows).toBeGreaterThan(500);
  }, 120_000);

  it('query_metrics: filters, sort and limit', async () => {
    for (const request of [
      { metrics: ['bug_count', 'rejection_rate', 'severity_score'], dimensions: ['month', 'severity'], filters: { product: [MAIN] }, ...PERIOD },
      { metrics: ['bug_count', 'active_testers'], dimensions: ['tester'], filters: { severity: ['critical', 'high'] }, sort: { by: 'bug_count', direction: 'desc' }, limit: 5 },
      { metrics: ['test_count', 'bugs_per_test', 'review_rate'], dimensions: ['product', 'quarter'] },
    ] as MetricsRequest[]) {
      const [sqlite, postgres] = await both(request);
      expect(sqlite.rows.length).toBeGreaterThan(0);
      expect(postgres).toEqual(sqlite);
    }
  });

  it('generate_quality_report: a product, two products and a list of tests', async () => {
    const now = new Date('2026-06-01T00:00:00.000Z');
    const period = { start: new Date(PERIOD.start), end: new Date(PERIOD.end) };
    const testIds = sandbox.data.tests.filter((t) => products.includes(t.product.id)).slice(0, 12).map((t) => t.id);
    for (const request of [
      { productIds: [MAIN], period, now },
      { productIds: products, period: { start: new Date('2025-01-01T00:00:00.000Z'), end: new Date('2025-03-31T23:59:59.999Z') }, now },
      { testIds, now },
    ] as QualityReportRequest[]) {
      const sqlite = withoutTiming(await buildQualityReport(lite.store, request));
      const postgres = withoutTiming(await buildQualityReport(pg.store, request));
      expect(sqlite.bugs.total).toBeGreaterThan(0);
      expect(postgres).toEqual(sqlite);
    }
  });
});
