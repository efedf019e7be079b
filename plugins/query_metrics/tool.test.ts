/** query_metrics through a real MCP client over a store synced from the sandbox, recounted from the raw API data. */
import type { CallToolResult, ImageContent } from '@modelcontextprotocol/sdk/types.js';
import type { MetricsAnswer } from '../../src/analytics/metrics/query-metrics.js';
import type { Bug, ExploratoryTest } from '../../src/sandbox/index.js';
import type { Harness } from '../../test/helpers/harness.js';
import { PRODUCT, startSyncedHarness, YEAR_2024 } from '../../test/helpers/synced-harness.js';

const structured = <T>(result: CallToolResult): T => {
  expect(result.isError).toBeFalsy();
  return result.structuredContent as T;
};

describe('query_metrics over a synced sandbox store', () => {
  let h: Harness;
  let tests2024: ExploratoryTest[];
  let bugs2024: Bug[];
  beforeAll(async () => {
    ({ h, tests2024, bugs2024 } = await startSyncedHarness());
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
});
