import type { Harness } from '../../test/helpers/harness.js';
import { bugsOf, expectedSummary, newestFirst } from '../../test/testio-tools/sandbox-expect.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { TestStatus } from '../../src/testio/services/test-status-service.js';

describe('get_test_status against the sandbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('answers "what is the status of test 109363?" with the sandbox numbers', async () => {
    const result = await h.call('get_test_status', { test_id: 109363 });
    const out = structured<TestStatus>(result, h.text(result));
    const data = h.sandbox!.data;
    const wire = data.tests.find((t) => t.id === 109363)!;
    const expected = expectedSummary(bugsOf(data, 109363));

    expect(out.test).toMatchObject({ id: 109363, title: wire.test_title, status: wire.status, testing_type: wire.testing_type });
    expect(out.test.product).toEqual({ id: wire.product.id, name: wire.product.name });
    expect(expected.total).toBeGreaterThanOrEqual(25);
    expect(out.bugs.total).toBe(expected.total);
    expect(out.bugs.by_severity).toEqual(expected.by_severity);
    expect(out.bugs.by_status).toEqual(expected.by_status);
    expect(out.bugs.known).toBe(expected.known);
    expect(out.bugs.rates.acceptance_rate).toBeCloseTo(expected.acceptance_rate!, 4);
    expect(out.bugs.rates.rejection_rate).toBeCloseTo(expected.rejection_rate!, 4);
    expect(out.bugs.rates.auto_acceptance_rate).toBeCloseTo(expected.auto_acceptance_rate!, 4);
    expect(out.bugs.auto_acceptance_flag).toBe(expected.auto_acceptance_rate! > 0.3);
    expect(out.recent_bugs.map((b) => b.id)).toEqual(newestFirst(bugsOf(data, 109363)).slice(0, 3).map((b) => b.id));
    if (wire.status === 'running') expect(out.test.timeline.time_remaining_hours).not.toBeNull();

    const text = h.text(result);
    expect(text).toContain(`## Test 109363: ${wire.test_title}`);
    expect(text).toContain(`critical ${expected.by_severity.critical} · high ${expected.by_severity.high}`);
    expect(text).toContain(`acceptance ${(Math.round(expected.acceptance_rate! * 1000) / 10).toFixed(1)}%`);
    expect(text).toContain('### Most recent bugs');
  });

  it('accepts the id as a numeric string', async () => {
    const result = await h.call('get_test_status', { test_id: '109364' });
    expect(structured<TestStatus>(result, h.text(result)).test.id).toBe(109364);
  });

  it('gives null rates for a test without bugs', async () => {
    const data = h.sandbox!.data;
    const quiet = data.tests.find((t) => bugsOf(data, t.id).length === 0)!;
    const out = structured<TestStatus>(await h.call('get_test_status', { test_id: quiet.id }));
    expect(out.bugs.total).toBe(0);
    expect(out.bugs.rates).toEqual({ acceptance_rate: null, active_acceptance_rate: null, auto_acceptance_rate: null, rejection_rate: null, review_rate: null });
    expect(out.recent_bugs).toEqual([]);
  });

  it.each([
    [{}, /Missing required parameter "test_id"/],
    [{ test_id: 'abc' }, /Invalid "test_id".*positive whole number/],
    [{ test_id: -4 }, /Invalid "test_id".*positive/],
    [{ test_id: 1.5 }, /Invalid "test_id".*whole number/],
    [{ test_id: 5 }, /Test 5 was not found\. Call list_tests/],
  ])('refuses %j clearly', async (args, pattern) => {
    const result = await h.call('get_test_status', args);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(pattern);
  });
});
