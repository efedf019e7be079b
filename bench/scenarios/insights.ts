/**
 * The insight figures of issue 15 on the large sandbox (about 10,000 tests and 200,000 bugs),
 * synced over HTTP into a SQLite store like sync_data does: query_metrics with two dimensions
 * (p95 <= 20 ms) and generate_quality_report for the main product over a year (<= 300 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/areas.js';
import { queryMetrics, type MetricsRequest } from '../../src/analytics/metrics/query-metrics.js';
import { buildQualityReport } from '../../src/analytics/report/quality-report.js';
import { openStore } from '../../src/analytics/store/open-store.js';
import { apiSyncSource } from '../../src/analytics/sync/source.js';
import { syncTenant } from '../../src/analytics/sync/sync-tenant.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { MAIN_PRODUCT_ID, startSandbox } from '../../src/sandbox/index.js';
import { TestioHttpClient } from '../../src/testio/data/http-client.js';
import type { Row } from '../lib/report.js';
import { median, percentile } from '../lib/stats.js';

const YEAR = { start: '2025-01-01T00:00:00.000Z', end: '2025-12-31T23:59:59.999Z' };

/** Two dimensions each, the shapes a QA lead asks most. */
const QUERIES: MetricsRequest[] = [
  { metrics: ['bug_count', 'rejection_rate', 'severity_score'], dimensions: ['month', 'severity'], filters: { product: [MAIN_PRODUCT_ID] }, ...YEAR },
  { metrics: ['bug_count', 'test_count', 'bugs_per_test'], dimensions: ['feature', 'status'], filters: { product: [MAIN_PRODUCT_ID] }, ...YEAR },
  { metrics: ['bug_count', 'active_testers'], dimensions: ['tester', 'severity'], filters: { product: [MAIN_PRODUCT_ID] }, ...YEAR },
];
/** Every product at once: a pass over a year of every bug in the store (reported, no target). */
const ALL_PRODUCTS: MetricsRequest = { metrics: ['test_count', 'bug_count', 'review_rate'], dimensions: ['product', 'quarter'], ...YEAR };

export async function insights(runs: number): Promise<Row[]> {
  const sandbox = await startSandbox({ port: 0, size: 'large' });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-insights-'));
  const config = loadConfig({ env: {}, cwd: tmpdir() });
  config.baseUrl = sandbox.baseUrl;
  config.token = sandbox.token;
  const http = new TestioHttpClient({ config, logger: createSilentLogger() });
  const store = await openStore({ tenantId: 'benchinsights', dataDir: dir });
  try {
    const syncStarted = performance.now();
    await syncTenant(store, apiSyncSource(http.forTenant(sandbox.token, 'benchinsights')), {});
    const syncMs = performance.now() - syncStarted;
    const counts = await store.db.selectFrom('bugs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const tests = await store.db.selectFrom('tests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const size = `${Number(tests.n)} tests, ${Number(counts.n)} bugs`;

    const metricTimes: number[] = [];
    for (let i = 0; i < runs * QUERIES.length + 10; i++) {
      const started = performance.now();
      await queryMetrics(store, QUERIES[i % QUERIES.length]!);
      if (i >= 10) metricTimes.push(performance.now() - started);
    }
    const reportTimes: number[] = [];
    for (let i = 0; i < Math.max(5, Math.ceil(runs / 4)) + 2; i++) {
      const started = performance.now();
      await buildQualityReport(store, { productIds: [MAIN_PRODUCT_ID], period: { start: new Date(YEAR.start), end: new Date(YEAR.end) }, now: new Date() });
      if (i >= 2) reportTimes.push(performance.now() - started);
    }
    const allTimes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      await queryMetrics(store, ALL_PRODUCTS);
      if (i >= 1) allTimes.push(performance.now() - started);
    }
    const p95 = percentile(metricTimes, 95);
    const reportP95 = percentile(reportTimes, 95);
    return [
      { section: 'insights', metric: `query_metrics p95, 2 dimensions (${size})`, value: p95, unit: 'ms', target: '<= 20 ms', met: p95 <= 20, note: `${metricTimes.length} queries over 3 shapes on product ${MAIN_PRODUCT_ID} over a year (month x severity, feature x status, tester x severity), median ${median(metricTimes).toFixed(2)} ms; store synced over HTTP in ${(syncMs / 1000).toFixed(1)} s` },
      { section: 'insights', metric: 'query_metrics, every product: product x quarter over a year (median)', value: median(allTimes), unit: 'ms', note: 'no product filter: one pass over a year of every bug in the store' },
      { section: 'insights', metric: `generate_quality_report, product ${MAIN_PRODUCT_ID} over a year (p95)`, value: reportP95, unit: 'ms', target: '<= 300 ms', met: reportP95 <= 300, note: `${reportTimes.length} reports, median ${median(reportTimes).toFixed(2)} ms` },
    ];
  } finally {
    await store.close();
    await http.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
