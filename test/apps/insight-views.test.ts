/**
 * The quality report and query_metrics views in a real browser host (ext-apps AppBridge in
 * headless Chromium) with real tool results from a synced sandbox store: the rendered figures,
 * gauges, trend points and table rows are checked against the data; screenshots under
 * test-output/apps/.
 */
import { mkdirSync } from 'node:fs';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { MetricsAnswer } from '../../src/analytics/metrics/query-metrics.js';
import type { QualityReport } from '../../src/analytics/report/schema.js';
import type { Harness } from '../helpers/harness.js';
import { PRODUCT, startSyncedHarness, YEAR_2024 } from '../helpers/synced-harness.js';
import { startAppHost, type AppHost } from './app-host.js';

const SHOTS = 'test-output/apps';

async function viewHtml(h: Harness, uri: string): Promise<string> {
  const { contents } = await h.client.readResource({ uri });
  return (contents[0] as { text: string }).text;
}

describe('insight views in a browser host', () => {
  let h: Harness;
  let host: AppHost;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ h } = await startSyncedHarness());
    host = await startAppHost(h.client);
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await h?.close();
  });

  it('draws the quality report: figures, health by the playbook, trend points and a sortable test table', async () => {
    const args = { product_ids: [PRODUCT], ...YEAR_2024 };
    const result = (await h.call('generate_quality_report', args)) as CallToolResult;
    const report = result.structuredContent as unknown as QualityReport;
    const frame = await host.show(await viewHtml(h, 'ui://testio-mcp/quality-report.html'), args, result, 'table tbody tr');
    expect(await frame.textContent('[data-figure="tests"] b')).toBe(String(report.tests.total));
    expect(await frame.textContent('[data-figure="bugs"] b')).toBe(String(report.bugs.total));
    expect(await frame.textContent('[data-figure="critical"] b')).toBe(String(report.bugs.by_severity.critical));
    for (const indicator of report.health) {
      expect(await frame.locator(`li[data-indicator="${indicator.indicator}"]`).getAttribute('data-status')).toBe(indicator.status);
    }
    const gauge = frame.locator('g[data-label="Rejection"]');
    expect(await gauge.getAttribute('data-value')).toBe(String(report.bugs.rates.rejection_rate));
    // One point per period on the bugs line, each at the period's figure.
    const points = frame.locator('g[data-line="bugs"] circle');
    expect(await points.count()).toBe(report.trend.points.length);
    for (const [i, point] of report.trend.points.entries()) {
      expect(await points.nth(i).getAttribute('data-x')).toBe(point.period);
      expect(Number(await points.nth(i).getAttribute('data-value'))).toBe(point.bugs);
    }
    expect(await frame.locator('tbody tr').count()).toBe(report.test_list.length);
    await frame.click('th:has-text("Bugs")');
    await frame.click('th:has-text("Bugs")');
    const descending = (await frame.locator('tbody tr td:nth-child(5)').allTextContents()).map(Number);
    expect(descending).toEqual(report.test_list.map((t) => t.bugs).sort((a, b) => b - a));
    await host.page.screenshot({ path: `${SHOTS}/quality-report.png`, fullPage: true });
  });

  it('draws query_metrics as its chart suggestion says, with the rows in a table', async () => {
    const args = { metrics: ['bug_count', 'rejection_rate'], dimensions: ['month'], filters: { product: PRODUCT }, ...YEAR_2024 };
    const result = (await h.call('query_metrics', args)) as CallToolResult;
    const answer = result.structuredContent as unknown as MetricsAnswer;
    expect(answer.chart.type).toBe('line');
    const frame = await host.show(await viewHtml(h, 'ui://testio-mcp/query-metrics.html'), args, result, 'table tbody tr');
    expect(await frame.textContent('h1')).toBe(answer.question);
    const points = frame.locator('circle[data-series]');
    expect(await points.count()).toBe(answer.rows.length);
    for (const [i, row] of answer.rows.entries()) {
      expect(await points.nth(i).getAttribute('data-x')).toBe(row.month);
      expect(Number(await points.nth(i).getAttribute('data-value'))).toBe(row.bug_count);
    }
    expect(await frame.locator('tbody tr').count()).toBe(answer.rows.length);
    await host.page.screenshot({ path: `${SHOTS}/query-metrics.png`, fullPage: true });
  });
});
