/** generate_quality_report's text: markdown (default), plain text, or the JSON itself. */
import { unescapeMarkdown } from '../../platform/untrusted-text.js';
import { renderBugSummary } from '../../testio/render/bugs.js';
import { plural } from '../../platform/text.js';
import { counts, day, jsonText, pct } from '../../testio/render/format.js';
import { table, type TableStyle } from '../../testio/render/table.js';
import type { Comparison, QualityReport } from './schema.js';

const ICON = { ok: '✅', warn: '⚠️', critical: '🛑', unknown: '❔' } as const;

function figure(c: Comparison): string {
  const isRate = c.metric.endsWith('_rate');
  const show = (v: number | null) => (v === null ? '—' : isRate ? pct(v) : String(Math.round(v * 100) / 100));
  if (c.direction === 'n/a') return `${show(c.current)} (before: ${show(c.previous)})`;
  const sign = c.change! > 0 ? '+' : '';
  const delta = isRate ? `${sign}${Math.round(c.change! * 1000) / 10} pts` : `${sign}${Math.round(c.change! * 100) / 100}`;
  const verdict = c.better === null ? '' : c.better ? ' better' : ' worse';
  return `${show(c.current)} (${c.direction === 'same' ? 'unchanged' : `${delta}${verdict}`}; before ${show(c.previous)})`;
}

export function renderQualityReport(report: QualityReport, format: 'markdown' | 'text' | 'json'): string {
  if (format === 'json') return jsonText(report);
  const style: TableStyle = format;
  const md = style === 'markdown';
  const h2 = (t: string) => (md ? `## ${t}` : `${t}\n${'='.repeat(t.length)}`);
  const h3 = (t: string) => (md ? `### ${t}` : `${t}\n${'-'.repeat(t.length)}`);
  const join = (lines: string[]) => lines.join(md ? '  \n' : '\n');
  const { scope } = report;
  const names = report.products.map((p) => `${p.name} (${p.product_id})`).join(', ') || 'no product';
  const period = scope.period ? `tests started ${day(scope.period.start)} to ${day(scope.period.end)}` : 'the given tests';
  const parts: string[] = [
    h2(`Quality report: ${names}`),
    join([
      `Scope: ${period}${scope.test_ids ? ` · tests ${scope.test_ids.join(', ')}` : ''}${scope.test_statuses ? ` · statuses ${scope.test_statuses.join(', ')}` : ''}`,
      `${plural(report.tests.total, 'test')} (${counts(report.tests.by_status)}) · types: ${counts(report.tests.by_testing_type)}`,
      `${plural(report.bugs.total, 'bug')} · ${report.bugs_per_test === null ? 'no tests' : `${Math.round(report.bugs_per_test * 100) / 100} bugs per test`} · ${plural(report.active_testers, 'active tester')} · ${plural(report.features_tested, 'feature')} tested`,
      ...report.warnings.map((w) => `⚠️ ${w}`),
    ]),
    h3('Health'),
    table(
      style,
      ['Indicator', 'Value', 'Status', 'Why it matters', 'Suggested action'],
      report.health.map((i) => [i.label, pct(i.value), `${ICON[i.status]} ${i.status}`, i.why, i.action]),
    ),
    h3('Bugs'),
    renderBugSummary(report.bugs, style),
  ];
  if (report.comparison.length && scope.previous_period) {
    parts.push(
      h3(`Against the previous period (${day(scope.previous_period.start)} to ${day(scope.previous_period.end)})`),
      table(style, ['Figure', 'Now vs before'], report.comparison.map((c) => [c.label, figure(c)])),
    );
  }
  if (report.trend.points.length > 1) {
    parts.push(
      h3(`Trend per ${report.trend.unit}`),
      table(
        style,
        [report.trend.unit === 'week' ? 'Week of' : 'Month', 'Tests', 'Bugs', 'Bugs/test', 'Acceptance', 'Rejection', 'Auto-acceptance', 'Review'],
        report.trend.points.map((p) => [p.period, p.tests, p.bugs, p.bugs_per_test, pct(p.acceptance_rate), pct(p.rejection_rate), pct(p.auto_acceptance_rate), pct(p.review_rate)]),
      ),
    );
  }
  if (report.products.length > 1) {
    parts.push(
      h3('Products'),
      table(
        style,
        ['Product', 'Tests', 'Bugs', 'Bugs/test', 'Critical', 'Rejection', 'Auto-acceptance', 'Review'],
        report.products.map((p) => [`${p.name} (${p.product_id})`, p.tests, p.bugs.total, p.bugs_per_test, p.bugs.by_severity.critical, pct(p.bugs.rates.rejection_rate), pct(p.bugs.rates.auto_acceptance_rate), pct(p.bugs.rates.review_rate)]),
      ),
    );
  }
  if (report.features.length) {
    parts.push(
      h3('Features by bugs'),
      table(style, ['Feature', 'Tests', 'Bugs', 'Critical', 'High', 'Rejection'], report.features.map((f) => [f.title, f.tests, f.bugs, f.critical, f.high, pct(f.rejection_rate)])),
    );
  }
  if (report.test_list.length) {
    parts.push(
      h3(report.test_list_truncated ? `Newest ${report.test_list.length} tests (figures above cover all ${report.tests.total})` : 'Tests'),
      table(style, ['Test', 'Title', 'Status', 'Started', 'Bugs', 'Critical', 'Open', 'Rejection'], report.test_list.map((t) => [t.test_id, t.title, t.status, day(t.start_at), t.bugs, t.critical, t.open, pct(t.rejection_rate)])),
    );
  }
  const text = parts.join('\n\n');
  return md ? text : unescapeMarkdown(text);
}
