/**
 * query_metrics, get_analytics_capabilities and generate_quality_report through a real MCP client
 * against a store synced from the real sandbox over HTTP. Figures are checked against a plain
 * recount of the sandbox's raw data and against generate_status_report over the same tests.
 */
import type { CallToolResult, ImageContent } from '@modelcontextprotocol/sdk/types.js';
import type { MetricsAnswer } from '../../src/analytics/metrics/query-metrics.js';
import type { QualityReport } from '../../src/analytics/report/schema.js';
import type { Bug, ExploratoryTest } from '../../src/sandbox/index.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const PRODUCT = 25073;
const YEAR_2024 = { start_date: '2024-01-01', end_date: '2024-12-31' };

const structured = <T>(result: CallToolResult): T => {
  expect(result.isError).toBeFalsy();
  return result.structuredContent as T;
};

describe('insight tools over a synced sandbox store', () => {
  let h: Harness;
  let tests2024: ExploratoryTest[];
  let bugs2024: Bug[];

  beforeAll(async () => {
    h = await startHarness({ sandbox: true });
    const ctx = await h.context();
    const result = await ctx.analytics.sync({ product_ids: [PRODUCT, 18442] });
    expect(result.errors).toEqual([]);
    const data = h.sandbox!.data;
    tests2024 = data.tests.filter((t) => t.product.id === PRODUCT && t.start_at >= '2024-01-01' && t.start_at < '2025-01-01');
    const ids = new Set(tests2024.map((t) => t.id));
    bugs2024 = data.bugs.filter((b) => ids.has(b.test.id));
    expect(tests2024.length).toBeGreaterThan(5);
  }, 120_000);
  afterAll(() => h?.close());

  it('counts bugs by month and severity exactly as a recount of the raw API data', async () => {
    const answer = structured<MetricsAnswer>(
      await h.call('query_metrics', { metrics: ['bug_count', 'test_count'], dimensions: ['month', 'severity'], filters: { product: PRODUCT }, ...YEAR_2024, limit: 1000 }),
    );
    const expected = new Map<string, number>();
    for (const bug of bugs2024) {
      const test = tests2024.find((t) => t.id === bug.test.id)!;
      const key = `${new Date(test.start_at).toISOString().slice(0, 7)} ${bug.severity}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = new Map(answer.rows.map((r) => [`${r.month} ${r.severity}`, r.bug_count]));
    expect(got).toEqual(expected);
    expect(answer.truncated).toBe(false);
    expect(answer.question).toMatch(/^Bugs and tests by month and severity, for product 25073, tests started from 2024-01-01 to 2024-12-31/);
    expect(answer.chart).toMatchObject({ type: 'line', x: 'month', series: 'severity' });
    expect(answer.query_ms).toBeGreaterThanOrEqual(0);
  });

  it('computes the rates with the contract arithmetic, every one within [0, 1] and null without bugs', async () => {
    const answer = structured<MetricsAnswer>(
      await h.call('query_metrics', {
        metrics: ['bug_count', 'acceptance_rate', 'rejection_rate', 'auto_acceptance_rate', 'review_rate', 'severity_score', 'active_testers'],
        dimensions: ['feature'],
        filters: { product: [PRODUCT] },
        ...YEAR_2024,
      }),
    );
    for (const row of answer.rows) {
      const bugs = bugs2024.filter((b) => (row.feature_id === null ? !b.feature : b.feature?.id === row.feature_id));
      expect(row.bug_count).toBe(bugs.length);
      const accepted = bugs.filter((b) => b.status === 'accepted' && !b.auto_accepted).length;
      const auto = bugs.filter((b) => b.status === 'accepted' && b.auto_accepted).length;
      const rejected = bugs.filter((b) => b.status === 'rejected').length;
      expect(row.rejection_rate).toBeCloseTo(rejected / bugs.length, 5);
      expect(row.review_rate).toBeCloseTo((accepted + rejected) / bugs.length, 5);
      expect(row.auto_acceptance_rate).toBeCloseTo(accepted + auto === 0 ? 0 : auto / (accepted + auto), 5);
      const weights = { critical: 5, high: 3, low: 1, visual: 1, content: 1, custom: 1 } as const;
      expect(row.severity_score).toBe(bugs.filter((b) => b.status !== 'rejected').reduce((n, b) => n + weights[b.severity], 0));
      expect(row.active_testers).toBe(new Set(bugs.map((b) => b.author.name)).size);
      for (const m of ['acceptance_rate', 'rejection_rate', 'auto_acceptance_rate', 'review_rate']) {
        expect(row[m]).toBeGreaterThanOrEqual(0);
        expect(row[m]).toBeLessThanOrEqual(1);
      }
    }
    const empty = structured<MetricsAnswer>(await h.call('query_metrics', { metrics: ['rejection_rate', 'test_count'], filters: { product: PRODUCT }, start_date: '2019-01-01', end_date: '2019-12-31' }));
    expect(empty.rows).toEqual([{ rejection_rate: null, test_count: 0 }]);
    expect(empty.warnings.join(' ')).toMatch(/rates are null, not 0/);
  });

  it('warns about truncation and absent values, and names the parameter of every bad input', async () => {
    const truncated = structured<MetricsAnswer>(await h.call('query_metrics', { metrics: ['bug_count'], dimensions: ['tester'], limit: 3 }));
    expect(truncated.rows).toHaveLength(3);
    expect(truncated.truncated).toBe(true);
    expect(truncated.warnings.join(' ')).toMatch(new RegExp(`Showing 3 of ${truncated.total_groups} groups`));
    const bad = async (args: Record<string, unknown>, pattern: RegExp) => {
      const result = await h.call('query_metrics', args);
      expect(result.isError).toBe(true);
      expect(h.text(result)).toMatch(pattern);
    };
    await bad({ metrics: ['bug_count'], filters: { colour: 'red' } }, /filters.*colour.*product, feature, test, tester, severity/s);
    await bad({ metrics: ['bug_count'], filters: { severity: 'medium' } }, /filters\.severity.*medium.*critical, high, low, visual, content, custom/s);
    await bad({ metrics: ['bug_count'], filters: { product: 'acme' } }, /filters\.product.*ids/s);
    await bad({ metrics: ['bug_count'], dimensions: ['month', 'severity', 'status'] }, /dimensions.*at most 2/s);
    await bad({ metrics: ['bugs'] }, /metrics.*bug_count/s);
    await bad({ metrics: ['bug_count'], dimensions: ['month'], sort: { by: 'test_count' } }, /sort\.by.*bug_count, month/s);
  });

  it('lists in get_analytics_capabilities exactly what query_metrics accepts', async () => {
    const caps = structured<{ metrics: Array<{ name: string }>; dimensions: Array<{ name: string }> }>(await h.call('get_analytics_capabilities'));
    const { tools } = await h.client.listTools();
    const schema = tools.find((t) => t.name === 'query_metrics')!.inputSchema as { properties: Record<string, { items: { enum: string[] } }> };
    expect(caps.metrics.map((m) => m.name)).toEqual(schema.properties.metrics!.items.enum);
    expect(caps.dimensions.map((d) => d.name)).toEqual(schema.properties.dimensions!.items.enum);
    expect(caps.dimensions.length).toBeGreaterThanOrEqual(14);
  });

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

  it('sends a picture after the text for every chart type', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['query_metrics', { metrics: ['bug_count'], dimensions: ['month'], filters: { product: PRODUCT } }],
      ['query_metrics', { metrics: ['bug_count'], dimensions: ['severity'] }],
      ['query_metrics', { metrics: ['bug_count'], dimensions: ['bug_type', 'status'] }],
      ['query_metrics', { metrics: ['bug_count', 'rejection_rate'] }],
      ['generate_quality_report', { product_ids: PRODUCT, ...YEAR_2024 }],
    ];
    for (const [tool, args] of cases) {
      const result = await h.call(tool, args);
      expect(result.content[0]!.type).toBe('text');
      const image = result.content[1] as ImageContent;
      expect(image).toMatchObject({ type: 'image', mimeType: 'image/svg+xml' });
      const svg = Buffer.from(image.data, 'base64').toString('utf8');
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toMatch(/<(polyline|rect|path) /);
    }
  });

  it('offers the prompts and the knowledge resources', async () => {
    const { prompts } = await h.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['analyze-product-quality', 'prep-meeting']);
    const analyze = await h.client.getPrompt({ name: 'analyze-product-quality', arguments: { product: 'Acme Online Banking', period: 'this quarter', focus: 'triage' } });
    const text = (analyze.messages[0]!.content as { text: string }).text;
    expect(text).toMatch(/list_products.*sync_data.*generate_quality_report.*query_metrics.*reject_reason/s);
    const meeting = await h.client.getPrompt({ name: 'prep-meeting', arguments: { product: '25073', audience: 'qa' } });
    expect((meeting.messages[0]!.content as { text: string }).text).toMatch(/last 90 days.*auto-accepts/s);
    const playbook = await h.client.readResource({ uri: 'testio://knowledge/playbook' });
    expect((playbook.contents[0] as { text: string }).text).toMatch(/warn: ≥ 20%.*critical: ≥ 35%.*critical: ≥ 40%.*warn: < 80%.*critical: < 60%/s);
    const metrics = await h.client.readResource({ uri: 'testio://knowledge/metrics' });
    const body = (metrics.contents[0] as { text: string }).text;
    const caps = structured<{ metrics: Array<{ name: string }>; dimensions: Array<{ name: string }> }>(await h.call('get_analytics_capabilities'));
    for (const { name } of [...caps.metrics, ...caps.dimensions]) expect(body).toContain(`**${name}**`);
  });
});
