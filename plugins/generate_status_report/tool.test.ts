import type { Harness } from '../../test/helpers/harness.js';
import { bugsOf, expectedSummary } from '../../test/testio-tools/sandbox-expect.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { StatusReport } from '../../src/testio/services/status-report-service.js';

describe('generate_status_report against the sandbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('answers "status report for 109363 and 109364 in markdown" with the sandbox numbers and progress', async () => {
    const progress: number[] = [];
    const result = await h.client.callTool(
      { name: 'generate_status_report', arguments: { test_ids: [109363, '109364'], format: 'markdown' } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    const out = structured<StatusReport>(result as never);
    const data = h.sandbox!.data;
    const both = expectedSummary([...bugsOf(data, 109363), ...bugsOf(data, 109364)]);
    expect(out.tests_reported).toBe(2);
    expect(out.tests_failed).toBe(0);
    expect(out.totals.total).toBe(both.total);
    expect(out.totals.by_status).toEqual(both.by_status);
    expect(out.totals.rates.acceptance_rate).toBeCloseTo(both.acceptance_rate!, 4);
    for (const id of [109363, 109364]) {
      const entry = out.entries.find((e) => e.test_id === id);
      expect(entry).toMatchObject({ outcome: 'ok', bugs: { total: bugsOf(data, id).length } });
    }
    expect(progress).toEqual([1, 2, 3]); // each test, then the batched bugs (in either order)
    expect(h.sandbox!.stats().requests).toBe(3); // two tests and one batched bug query

    const text = (result.content as { text: string }[])[0].text;
    expect(text).toMatch(/^## Status report: 2 of 2 tests/);
    expect(text).toContain('| Test | Title | Status | Bugs |');
    expect(text).toContain(`| All | 2 tests | — | ${both.total} |`);
    expect(text).toContain(`### Test 109364: ${data.tests.find((t) => t.id === 109364)!.test_title}`);
  });

  it('lists a test that fails to load while the others report', async () => {
    const result = await h.call('generate_status_report', { test_ids: [109363, 999999999] });
    const out = structured<StatusReport>(result, h.text(result));
    expect(out.tests_reported).toBe(1);
    expect(out.entries.find((e) => e.test_id === 999999999)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/was not found/) });
    expect(h.text(result)).toContain('Test 999999999: could not be loaded');
  });

  it('writes plain text and json on request, with the same structured result', async () => {
    const text = await h.call('generate_status_report', { test_ids: [109364], format: 'text' });
    expect(h.text(text)).not.toMatch(/\|---|^##|\*\*/m);
    expect(h.text(text)).toContain('Roll-up');
    const json = await h.call('generate_status_report', { test_ids: [109364], format: 'json' });
    expect(JSON.parse(h.text(json))).toEqual(json.structuredContent);
  });

  it('keeps the largest report (25 tests) under 20,000 characters, and its JSON whole', async () => {
    const ids = [...new Set(h.sandbox!.data.bugs.map((b) => b.test.id))].slice(0, 25);
    const md = await h.call('generate_status_report', { test_ids: ids });
    expect(structured<StatusReport>(md, h.text(md)).tests_reported).toBe(25);
    expect(h.text(md).length).toBeLessThan(20_000);
    expect(JSON.stringify(md.structuredContent).length).toBeLessThan(20_000);
    const json = await h.call('generate_status_report', { test_ids: ids, format: 'json' });
    expect(JSON.parse(h.text(json))).toEqual(json.structuredContent);
  });

  it.each([
    [{ test_ids: [] }, /Invalid "test_ids".*at least one id/],
    [{ test_ids: [...Array(26)].map((_, i) => i + 1) }, /Invalid "test_ids".*at most 25/],
    [{ test_ids: [109363], format: 'pdf' }, /Invalid "format": "pdf" is not allowed\. Use one of: markdown, text, json/],
    [{ test_ids: ['abc'] }, /Invalid "test_ids\[0\]"/],
    [{ test_ids: [999999998, 999999999] }, /was not found/],
  ])('refuses %j naming the parameter', async (args, pattern) => {
    const result = await h.call('generate_status_report', args);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(pattern);
  });
});
