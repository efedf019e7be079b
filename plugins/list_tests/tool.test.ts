import type { Harness } from '../../test/helpers/harness.js';
import { bugsOf, testsOf } from '../../test/testio-tools/sandbox-expect.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { TestListResult } from '../../src/testio/services/test-list-service.js';

describe('list_tests against the sandbox', () => {
  let h: Harness;
  const list = async (args: Record<string, unknown>) => {
    const result = await h.call('list_tests', args);
    return { out: structured<TestListResult>(result, h.text(result)), text: h.text(result) };
  };
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('returns every test of product 25073 by default, newest first, with counts by status', async () => {
    const { out, text } = await list({ product_id: 25073 });
    const wire = testsOf(h.sandbox!.data, 25073);
    expect(wire.length).toBeGreaterThanOrEqual(30);
    expect(out.total_tests).toBe(wire.length);
    expect(out.matching_tests).toBe(wire.length);
    expect(out.statuses).toBeNull();
    const byStatus: Record<string, number> = {};
    for (const t of wire) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
    expect(out.counts_by_status).toEqual(byStatus);
    expect(Object.keys(out.counts_by_status).sort()).toEqual(['archived', 'cancelled', 'customer_finalized', 'initialized', 'locked', 'running']);
    expect(out.tests.map((t) => t.id).sort()).toEqual(wire.map((t) => t.id).sort());
    const starts = out.tests.map((t) => Date.parse(t.start_at!));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(text).toContain(`## Acme Online Banking (product 25073): ${wire.length} tests`);
    expect(out.tests.some((t) => t.bugs)).toBe(false);
  });

  it('answers "active tests of product 25073" with the running tests and their bug counts', async () => {
    const { out, text } = await list({ product_id: '25073', statuses: ['running'], include_bug_counts: true });
    const data = h.sandbox!.data;
    const running = testsOf(data, 25073).filter((t) => t.status === 'running');
    expect(out.tests.map((t) => t.id).sort()).toEqual(running.map((t) => t.id).sort());
    expect(out.tests.map((t) => t.id)).toContain(109363);
    for (const t of out.tests) {
      const bugs = bugsOf(data, t.id);
      expect(t.bugs).toMatchObject({ total: bugs.length, critical: bugs.filter((b) => b.severity === 'critical').length, open: bugs.filter((b) => b.status === 'forwarded').length });
    }
    expect(text).toContain('with status running');
    expect(text).toContain('| Bugs | Crit/High/Low | Open |');
  });

  it('combines several statuses', async () => {
    const { out } = await list({ product_id: 25073, statuses: ['locked', 'cancelled'] });
    expect(out.matching_tests).toBe(testsOf(h.sandbox!.data, 25073).filter((t) => ['locked', 'cancelled'].includes(t.status)).length);
    expect(new Set(out.tests.map((t) => t.status))).toEqual(new Set(['locked', 'cancelled']));
  });

  it('shows at most 50 tests with bug counts for the 200-test product, saying so', async () => {
    const wire = testsOf(h.sandbox!.data, 21937);
    expect(wire.length).toBeGreaterThan(100);
    const { out, text } = await list({ product_id: 21937, include_bug_counts: true });
    expect(out).toMatchObject({ total_tests: wire.length, matching_tests: wire.length, returned: 50, truncated: true });
    expect(Object.values(out.counts_by_status).reduce((a, b) => a + b, 0)).toBe(wire.length);
    expect(text).toContain(`Showing the newest 50 of ${wire.length}`);
    expect(text.length).toBeLessThan(20_000);
    expect(JSON.stringify(out).length).toBeLessThan(20_000);
  });

  it.each([
    [{}, /Missing required parameter "product_id"/],
    [{ product_id: 'banking' }, /Invalid "product_id"/],
    [{ product_id: 25073, statuses: ['active'] }, /Invalid "statuses\[0\]": "active" is not allowed\. Use one of: initialized, running, locked/],
    [{ product_id: 25073, include_bug_counts: 'yes' }, /Invalid "include_bug_counts"/],
    [{ product_id: 424242 }, /Product 424242 was not found\. Call list_products/],
  ])('refuses %j naming the parameter', async (args, pattern) => {
    const result = await h.call('list_tests', args);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(pattern);
  });
});
