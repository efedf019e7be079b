import type { Harness } from '../../test/helpers/harness.js';
import { bugsOf, newestFirst } from '../../test/testio-tools/sandbox-expect.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { BugPage } from '../../src/testio/services/bug-query-service.js';

describe('get_test_bugs against the sandbox', () => {
  let h: Harness;
  const page = async (args: Record<string, unknown>) => {
    const result = await h.call('get_test_bugs', args);
    return structured<BugPage>(result, h.text(result));
  };
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('answers "critical functional bugs of 109363" with exactly the sandbox\'s critical bugs', async () => {
    const result = await h.call('get_test_bugs', { test_id: 109363, bug_type: 'functional', severity: 'critical' });
    const out = structured<BugPage>(result, h.text(result));
    const expected = newestFirst(bugsOf(h.sandbox!.data, 109363).filter((b) => b.severity === 'critical'));
    expect(expected.length).toBeGreaterThan(0);
    expect(out.matching_bugs).toBe(expected.length);
    expect(out.bugs.map((b) => b.id)).toEqual(expected.map((b) => b.id));
    expect(out.bugs[0]).toMatchObject({ title: expected[0].title, severity: 'critical', bug_type: 'functional', author: expected[0].author.name, reported_at: expected[0].reported_at });
    expect(out.bugs[0].device).toContain(expected[0].devices[0].device.name);
    expect(out.continuation_token).toBeUndefined();
    expect(h.text(result)).toContain(`${expected.length} critical functional bug`);
  });

  // Issue #14: "0 bugs of 0 in the test" and "1 bugs" read wrong.
  it('reads as English with no bugs, no match, and one bug', async () => {
    const data = h.sandbox!.data;
    const count = (id: number) => bugsOf(data, id).length;
    const empty = data.tests.find((t) => count(t.id) === 0)!;
    expect(h.text(await h.call('get_test_bugs', { test_id: empty.id }))).toContain('No bugs were reported in this test.');
    const all = bugsOf(data, 109363);
    const severities = ['critical', 'high', 'low'] as const;
    const missing = data.tests.flatMap((t) => {
      const bugs = bugsOf(data, t.id);
      const severity = severities.find((s) => bugs.length > 0 && !bugs.some((b) => b.severity === s));
      return severity ? [{ id: t.id, total: bugs.length, severity }] : [];
    })[0]!;
    expect(h.text(await h.call('get_test_bugs', { test_id: missing.id, severity: missing.severity }))).toContain(
      `No ${missing.severity} functional bugs among the ${missing.total === 1 ? '1 bug' : `${missing.total} bugs`} of the test.`,
    );
    const text = h.text(await h.call('get_test_bugs', { test_id: 109363, page_size: 1 }));
    expect(text).toContain(`${all.length} bugs in the test · showing 1\n`);
    const single = data.tests.find((t) => count(t.id) === 1);
    if (single) expect(h.text(await h.call('get_test_bugs', { test_id: single.id }))).toMatch(/\n1 bug in the test · showing 1\n/);
  });

  it('pages through every bug once with the continuation token, and stops on the last page', async () => {
    const all = bugsOf(h.sandbox!.data, 109363);
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await page({ test_id: 109363, page_size: 10, ...(token ? { continuation_token: token } : {}) });
      expect(out.total_bugs).toBe(all.length);
      seen.push(...out.bugs.map((b) => b.id));
      token = out.continuation_token;
      pages += 1;
    } while (token && pages < 20);
    expect(pages).toBe(Math.ceil(all.length / 10));
    expect(seen).toEqual(newestFirst(all).map((b) => b.id));
  });

  it('filters by status, splitting auto-accepted from accepted, and by visual type', async () => {
    const bugs = bugsOf(h.sandbox!.data, 109363);
    const auto = await page({ test_id: 109363, status: 'auto_accepted', page_size: 100 });
    expect(auto.matching_bugs).toBe(bugs.filter((b) => b.status === 'accepted' && b.auto_accepted).length);
    const open = await page({ test_id: 109363, status: 'forwarded', page_size: 100 });
    expect(open.matching_bugs).toBe(bugs.filter((b) => b.status === 'forwarded').length);
    const visual = await page({ test_id: 109363, bug_type: 'visual', status: 'rejected', page_size: 100 });
    expect(visual.bugs.map((b) => b.id).sort()).toEqual(bugs.filter((b) => b.severity === 'visual' && b.status === 'rejected').map((b) => b.id).sort());
  });

  it('keeps a 100-bug page of the 2,000-bug test under 20,000 characters and continues where it stopped', async () => {
    const ordered = newestFirst(bugsOf(h.sandbox!.data, 120000)).map((b) => b.id);
    expect(ordered.length).toBeGreaterThan(1000);
    const result = await h.call('get_test_bugs', { test_id: 120000, page_size: 100 });
    const first = structured<BugPage>(result, h.text(result));
    expect(h.text(result).length).toBeLessThan(20_000);
    expect(JSON.stringify(first).length).toBeLessThan(20_000);
    expect(first.returned).toBeGreaterThan(20);
    expect(first.bugs.map((b) => b.id)).toEqual(ordered.slice(0, first.returned));
    const second = await page({ test_id: 120000, page_size: 100, continuation_token: first.continuation_token });
    expect(second.offset).toBe(first.returned);
    expect(second.bugs[0].id).toBe(ordered[first.returned]);
  });

  it('refuses a token reused with other filters, and an edited token', async () => {
    const first = await page({ test_id: 109363, page_size: 5 });
    const reused = await h.call('get_test_bugs', { test_id: 109363, page_size: 5, status: 'rejected', continuation_token: first.continuation_token });
    expect(reused.isError).toBe(true);
    expect(h.text(reused)).toMatch(/continuation_token was issued for other filters/);
    const otherTest = await h.call('get_test_bugs', { test_id: 109364, page_size: 5, continuation_token: first.continuation_token });
    expect(h.text(otherTest)).toMatch(/continuation_token belongs to test 109363/);
    const edited = `${first.continuation_token!.slice(0, -2)}xx`;
    const tampered = await h.call('get_test_bugs', { test_id: 109363, page_size: 5, continuation_token: edited });
    expect(tampered.isError).toBe(true);
    expect(h.text(tampered)).toMatch(/continuation_token is not valid.*without continuation_token/);
  });

  it.each([
    [{ test_id: 109363, severity: 'urgent' }, /Invalid "severity": "urgent" is not allowed\. Use one of: low, high, critical, all/],
    [{ test_id: 109363, bug_type: 'ui' }, /Invalid "bug_type".*functional, visual, content, custom, all/],
    [{ test_id: 109363, status: 'open' }, /Invalid "status".*accepted, auto_accepted, rejected, forwarded, all/],
    [{ test_id: 109363, bug_type: 'visual', severity: 'high' }, /severity "high" only applies to functional bugs/],
    [{ test_id: 109363, page_size: 0 }, /Invalid "page_size".*at least 1/],
    [{ test_id: 109363, page_size: 101 }, /Invalid "page_size".*at most 100/],
    [{ test_id: 'x' }, /Invalid "test_id"/],
    [{ test_id: 7 }, /Test 7 was not found/],
  ])('refuses %j naming the parameter', async (args, pattern) => {
    const result = await h.call('get_test_bugs', args);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(pattern);
  });
});
