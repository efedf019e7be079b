import { renderActivity } from '../../src/testio/render/activity.js';
import { renderBugRows, renderBugSummary } from '../../src/testio/render/bugs.js';
import { counts, day, hours, pct, when } from '../../src/testio/render/format.js';
import { renderStatusReport } from '../../src/testio/render/status-report.js';
import { markdownTable, textTable } from '../../src/testio/render/table.js';
import { ActivityService } from '../../src/testio/services/activity-service.js';
import { summarizeBugs } from '../../src/testio/services/bug-classify.js';
import { toBugRow } from '../../src/testio/services/bug-rows.js';
import { StatusReportService } from '../../src/testio/services/status-report-service.js';
import { bug, FakeApi, product, test } from './fixtures.js';

describe('formatters', () => {
  it('formats rates, dates, durations and counts', () => {
    expect([pct(null), pct(0), pct(0.3333), pct(1)]).toEqual(['—', '0.0%', '33.3%', '100.0%']);
    expect(when('2024-10-01T09:30:00+02:00')).toBe('2024-10-01 07:30 UTC');
    expect([day(null), day('2024-10-01T23:00:00-02:00')]).toEqual(['—', '2024-10-02']);
    expect([hours(null), hours(5), hours(72)]).toEqual(['—', '5 h', '3 days']);
    expect(counts({ archived: 2, running: 5, locked: 0 })).toBe('running 5, archived 2');
  });

  it('escapes pipes and newlines in table cells', () => {
    expect(markdownTable(['A', 'B'], [['x|y', 'two\nlines'], [null, 3]])).toBe('| A | B |\n|---|---|\n| x\\|y | two lines |\n| — | 3 |');
    expect(textTable(['Id', 'Name'], [[1, 'Alpha'], [22, 'B']])).toBe('Id  Name\n--  -----\n1   Alpha\n22  B');
  });
});

describe('bug rendering', () => {
  it('shows counts, rates and the auto-acceptance flag', () => {
    const s = summarizeBugs([bug(1, 'critical', 'accepted', { auto_accepted: true }), bug(2, 'low', 'rejected')]);
    const text = renderBugSummary(s);
    expect(text).toContain('critical 1 · high 0 · low 1');
    expect(text).toContain('auto-acceptance 100.0%');
    expect(text).toMatch(/⚠️ 100.0% of accepted bugs were auto-accepted/);
    expect(renderBugSummary(summarizeBugs([]))).toBe('No bugs reported.');
  });

  it('summarises the device and marks known bugs', () => {
    const row = toBugRow(
      bug(5, 'high', 'accepted', {
        known: true,
        author: { name: 'tess' },
        devices: [
          { operating_system: { name: 'iOS' }, operating_system_version: { name: '17.2' }, device: { name: 'iPhone 15' }, browsers: [{ name: 'Safari' }] },
          { device: { name: 'Pixel 8' } },
        ],
      } as never),
    );
    expect(row.device).toBe('iOS 17.2 · iPhone 15 · Safari (+1 more)');
    expect(renderBugRows([row])).toContain('| 5 | Bug 5 | high | accepted (known) |');
  });
});

describe('status report rendering', () => {
  const api = new FakeApi([product(1, 'P')], new Map([[1, [test(11, 'running', '2024-10-01T00:00:00Z', '2024-10-08T00:00:00Z')]]]), new Map([[11, [bug(1, 'high', 'accepted')]]]));

  it('writes markdown, plain text and json from one report', async () => {
    const report = await new StatusReportService({ testioApi: api }).build([11, 404]);
    const md = renderStatusReport(report, 'markdown');
    expect(md).toMatch(/^## Status report: 1 of 2 tests \(1 failed to load\)/);
    expect(md).toContain('| Test | Title | Status | Bugs |');
    expect(md).toContain('### Test 404: could not be loaded');
    const text = renderStatusReport(report, 'text');
    expect(text).not.toMatch(/\|---|##|\*\*/);
    expect(text).toContain('Test 11: Test 11');
    expect(JSON.parse(renderStatusReport(report, 'json'))).toEqual(report);
  });

  // Issue #14: "1 bugs in all" read wrong.
  it('reads as English for one test and one bug', async () => {
    const one = new FakeApi([product(1, 'P')], new Map([[1, [test(11, 'running', '2024-10-01T00:00:00Z', '2024-10-08T00:00:00Z')]]]), new Map([[11, [bug(1, 'high', 'accepted')]]]));
    const md = renderStatusReport(await new StatusReportService({ testioApi: one }).build([11]), 'markdown');
    expect(md).toMatch(/^## Status report: 1 of 1 test\n/);
    expect(md).toContain('1 bug in all · acceptance 100.0%');
    expect(md).not.toMatch(/\b1 (bugs|tests)\b/);
    const none = new FakeApi([product(1, 'P')], new Map([[1, [test(11, 'running', '2024-10-01T00:00:00Z', '2024-10-08T00:00:00Z')]]]), new Map([[11, []]]));
    expect(renderStatusReport(await new StatusReportService({ testioApi: none }).build([11]), 'markdown')).toContain('0 bugs in all');
  });

  it('stays under 20,000 characters for the largest report', async () => {
    const ids = [...Array(25)].map((_, i) => 100 + i);
    const big = new FakeApi(
      [product(1, 'P')],
      new Map([[1, ids.map((id) => test(id, 'archived', '2024-10-01T00:00:00Z', '2024-10-08T00:00:00Z', { title: 'A long test title '.repeat(4) }))]]),
      new Map(ids.map((id) => [id, [bug(id, 'low', 'accepted', { auto_accepted: true })]])),
    );
    const report = await new StatusReportService({ testioApi: big }).build(ids);
    expect(renderStatusReport(report, 'markdown').length).toBeLessThan(20_000);
  });
});

describe('activity rendering', () => {
  it('keeps the largest answer (10 products, bugs, 40 tests each) small', async () => {
    const products = [...Array(10)].map((_, i) => product(i + 1, `Product ${i + 1}`));
    const tests = new Map(products.map((p) => [p.id, [...Array(40)].map((_, j) => test(p.id * 1000 + j, 'archived', '2024-11-01T00:00:00Z', '2024-11-05T00:00:00Z'))]));
    const bugs = new Map([...tests.values()].flat().map((t) => [t.id, [bug(t.id, 'high', 'accepted'), bug(t.id + 1, 'visual', 'rejected')]]));
    const out = await new ActivityService({ testioApi: new FakeApi(products, tests, bugs) }).activity({
      productIds: products.map((p) => p.id),
      range: { start: new Date('2024-10-01T00:00:00Z'), end: new Date('2024-12-31T23:59:59Z'), resolved: 'Q4 2024' },
      dateField: 'start_at',
      includeBugs: true,
    });
    expect(out.overall.tests_in_range).toBe(400);
    expect(out.overall.bugs?.total).toBe(800);
    const text = renderActivity(out);
    expect(text.length).toBeLessThan(20_000);
    expect(JSON.stringify(out).length).toBeLessThan(20_000);
    expect(text).toContain('…and 35 more');
  });
});
