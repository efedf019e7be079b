/**
 * generate_quality_report through a real MCP client over a store synced from the sandbox: its figures
 * equal generate_status_report and query_metrics over the same tests (example-based agreement).
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { MetricsAnswer } from '../../src/analytics/metrics/query-metrics.js';
import type { QualityReport } from '../../src/analytics/report/schema.js';
import type { Bug, ExploratoryTest } from '../../src/sandbox/index.js';
import type { Harness } from '../../test/helpers/harness.js';
import { PRODUCT, startSyncedHarness, YEAR_2024 } from '../../test/helpers/synced-harness.js';

const structured = <T>(result: CallToolResult): T => {
  expect(result.isError).toBeFalsy();
  return result.structuredContent as T;
};

describe('generate_quality_report over a synced sandbox store', () => {
  let h: Harness;
  let tests2024: ExploratoryTest[];
  let bugs2024: Bug[];
  beforeAll(async () => {
    ({ h, tests2024, bugs2024 } = await startSyncedHarness());
  }, 120_000);
  afterAll(() => h?.close());

  it('reports the same figures as generate_status_report over the same tests', async () => {
    const report = structured<QualityReport>(await h.call('generate_quality_report', { product_ids: [PRODUCT], ...YEAR_2024 }));
    expect(report.tests.total).toBe(tests2024.length);
    expect(report.bugs.total).toBe(bugs2024.length);
    expect(report.test_list.map((t) => t.test_id).sort()).toEqual(tests2024.map((t) => t.id).sort());
    // The status report over the same tests, 25 at a time (its limit), summed.
    const ids = report.test_list.map((t) => t.test_id);
    const sums = { total: 0, critical: 0, high: 0, accepted: 0, auto_accepted: 0, rejected: 0, open: 0, known: 0 };
    for (let i = 0; i < ids.length; i += 25) {
      const status = structured<{ totals: QualityReport['bugs'] }>(await h.call('generate_status_report', { test_ids: ids.slice(i, i + 25), format: 'json' }));
      const t = status.totals;
      sums.total += t.total;
      sums.critical += t.by_severity.critical;
      sums.high += t.by_severity.high;
      sums.accepted += t.by_status.accepted;
      sums.auto_accepted += t.by_status.auto_accepted;
      sums.rejected += t.by_status.rejected;
      sums.open += t.by_status.open;
      sums.known += t.known;
    }
    const b = report.bugs;
    expect(sums).toEqual({ total: b.total, critical: b.by_severity.critical, high: b.by_severity.high, ...b.by_status, known: b.known });
    // list_bugs over the same tests: its summary of every match is the report's bug summary.
    const listed = structured<{ summary: QualityReport['bugs']; matching_bugs: number }>(await h.call('list_bugs', { test_ids: ids, page_size: 1 }));
    expect(listed.summary).toEqual(b);
    // A report over two tests equals the status report of those two, field by field.
    const pair = structured<QualityReport>(await h.call('generate_quality_report', { test_ids: [109363, 109364] }));
    const status = structured<{ totals: QualityReport['bugs'] }>(await h.call('generate_status_report', { test_ids: [109363, 109364] }));
    expect(pair.bugs).toEqual(status.totals);
    expect(pair.scope.period).toBeNull();
    // And query_metrics agrees with the report over the same scope.
    const metrics = structured<MetricsAnswer>(await h.call('query_metrics', { metrics: ['test_count', 'bug_count', 'rejection_rate', 'review_rate'], filters: { product: PRODUCT }, ...YEAR_2024 }));
    expect(metrics.rows[0]).toEqual({ test_count: report.tests.total, bug_count: b.total, rejection_rate: b.rates.rejection_rate, review_rate: b.rates.review_rate });
  });

  it('compares with the previous period of the same length and applies the playbook thresholds', async () => {
    const report = structured<QualityReport>(await h.call('generate_quality_report', { product_ids: PRODUCT, start_date: '2025-01-01', end_date: '2025-12-31' }));
    // 2025 has 365 days, so the previous period is the 365 days before it (2024 is a leap year).
    const previous = report.scope.previous_period!;
    expect(previous).toEqual({ start: '2024-01-02T00:00:00.000Z', end: '2024-12-31T23:59:59.999Z', days: 365 });
    expect(report.scope.period!.days).toBe(365);
    const inPrevious = bugs2024.filter((b) => tests2024.find((t) => t.id === b.test.id)!.start_at >= '2024-01-02').length;
    const before = report.comparison.find((c) => c.metric === 'bug_count')!;
    expect(before.previous).toBe(inPrevious);
    expect(before.change).toBe(report.bugs.total - inPrevious);
    expect(before.direction).toBe(before.change! > 0 ? 'up' : before.change! < 0 ? 'down' : 'same');
    for (const indicator of report.health) {
      const { value } = indicator;
      const expected =
        value === null ? 'unknown'
        : indicator.indicator === 'rejection_rate' ? (value >= 0.35 ? 'critical' : value >= 0.2 ? 'warn' : 'ok')
        : indicator.indicator === 'auto_acceptance_rate' ? (value >= 0.4 ? 'critical' : value >= 0.2 ? 'warn' : 'ok')
        : value < 0.6 ? 'critical' : value < 0.8 ? 'warn' : 'ok';
      expect(indicator.status).toBe(expected);
      expect(indicator.why.length).toBeGreaterThan(20);
      expect(indicator.action.length).toBeGreaterThan(10);
    }
    const text = h.text(await h.call('generate_quality_report', { product_ids: PRODUCT, start_date: '2025-01-01', end_date: '2025-12-31' }));
    expect(text).toMatch(/## Quality report: Acme Online Banking \(25073\)/);
    expect(text).toMatch(/### Against the previous period \(2024-01-02 to 2024-12-31\)/);
    expect(text).toMatch(/Synced (just now|\d+ min ago)/);
  });

  it('refuses a report without products or tests, naming the parameter', async () => {
    const result = await h.call('generate_quality_report', {});
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/product_ids.*test_ids/s);
  });
});
