/**
 * The generate_quality_report dashboard (browser): headline figures, health indicators with why
 * and what to do, the same charts as the image block (gauges coloured by the playbook, bugs by
 * severity and status, the trend per period, bugs per feature) and a sortable table of the tests.
 */
import { percent } from '../../charts/index.js';
import { chart, element, figures, sortableTable, startView } from '../../apps/view-kit.js';
import { qualityReportPicture } from '../charts/quality-report.js';
import type { QualityReport } from '../report/schema.js';

startView<QualityReport>('testio-quality-report', (report, root) => {
  const { bugs } = report;
  const names = report.products.map((p) => p.name).join(', ') || 'no product';
  const period = report.scope.period ? `${report.scope.period.start.slice(0, 10)} to ${report.scope.period.end.slice(0, 10)}` : 'selected tests';
  const health = element('ul', undefined, 'health');
  for (const indicator of report.health) {
    const item = element('li', undefined, indicator.status);
    item.dataset.indicator = indicator.indicator;
    item.dataset.status = indicator.status;
    item.append(element('b', `${indicator.label}: ${percent(indicator.value)} (${indicator.status})`), element('span', ` ${indicator.why} `), element('em', indicator.action));
    health.append(item);
  }
  root.append(
    element('h1', `Quality report: ${names}, ${period}`),
    figures([
      ['tests', String(report.tests.total), 'tests'],
      ['bugs', String(bugs.total), 'bugs'],
      ['bugs per test', report.bugs_per_test === null ? 'n/a' : String(Math.round(report.bugs_per_test * 100) / 100), 'bugs_per_test'],
      ['critical', String(bugs.by_severity.critical), 'critical'],
      ['open', String(bugs.by_status.open), 'open'],
      ['acceptance', percent(bugs.rates.acceptance_rate), 'acceptance_rate'],
    ]),
    ...report.warnings.map((w) => element('p', w, 'warning')),
    health,
    chart(qualityReportPicture(report)),
    sortableTable(
      ['Test', 'Title', 'Status', 'Started', 'Bugs', 'Critical', 'Open', 'Rejection'],
      report.test_list.map((t) => [t.test_id, t.title, t.status, t.start_at?.slice(0, 10) ?? null, t.bugs, t.critical, t.open, percent(t.rejection_rate)]),
    ),
  );
});
