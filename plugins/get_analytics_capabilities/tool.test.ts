/** get_analytics_capabilities lists exactly what query_metrics validates against, and the metrics resource says the same. */
import type { Harness } from '../../test/helpers/harness.js';
import { startHarness } from '../../test/helpers/harness.js';

interface Capabilities {
  metrics: Array<{ name: string; definition: string }>;
  dimensions: Array<{ name: string; level: string; values: string[] }>;
  severity_weights: Record<string, number>;
}

describe('get_analytics_capabilities', () => {
  let h: Harness;
  let caps: Capabilities;
  beforeAll(async () => {
    h = await startHarness();
    const result = await h.call('get_analytics_capabilities');
    expect(result.isError).toBeFalsy();
    caps = result.structuredContent as unknown as Capabilities;
  });
  afterAll(() => h.close());

  it('lists the metrics and dimensions of the query_metrics schema, in the same order', async () => {
    const { tools } = await h.client.listTools();
    const schema = tools.find((t) => t.name === 'query_metrics')!.inputSchema as { properties: Record<string, { items: { enum: string[] } }> };
    expect(caps.metrics.map((m) => m.name)).toEqual(schema.properties.metrics!.items.enum);
    expect(caps.dimensions.map((d) => d.name)).toEqual(schema.properties.dimensions!.items.enum);
    for (const name of ['product', 'feature', 'tester', 'severity', 'status', 'bug_type', 'testing_type', 'platform', 'month', 'week', 'quarter', 'reject_reason', 'known']) {
      expect(caps.dimensions.map((d) => d.name)).toContain(name);
    }
    for (const name of ['test_count', 'bug_count', 'bugs_per_test', 'active_testers', 'features_tested', 'acceptance_rate', 'rejection_rate', 'auto_acceptance_rate', 'review_rate', 'severity_score']) {
      expect(caps.metrics.map((m) => m.name)).toContain(name);
    }
  });

  it('weighs exactly the severities the API has, and lists the closed values a filter is checked against', () => {
    expect(Object.keys(caps.severity_weights).sort()).toEqual(['content', 'critical', 'custom', 'high', 'low', 'visual']);
    expect(caps.dimensions.find((d) => d.name === 'severity')!.values).toEqual(['critical', 'high', 'low', 'visual', 'content', 'custom']);
    expect(caps.dimensions.find((d) => d.name === 'status')!.values).toEqual(['accepted', 'auto_accepted', 'rejected', 'forwarded']);
    expect(caps.dimensions.find((d) => d.name === 'severity')!.level).toBe('bug');
    expect(caps.dimensions.find((d) => d.name === 'month')!.level).toBe('test');
  });

  it('is what testio://knowledge/metrics defines, name by name', async () => {
    const { contents } = await h.client.readResource({ uri: 'testio://knowledge/metrics' });
    const body = (contents[0] as { text: string }).text;
    for (const m of caps.metrics) expect(body).toContain(`**${m.name}**`);
    for (const d of caps.dimensions) expect(body).toContain(`**${d.name}**`);
  });
});
