/**
 * The generate_status_report dashboard (browser): headline figures, the same charts as the image
 * block (rate gauges coloured by the playbook, bugs by severity and status, bugs per test) and a
 * sortable table of the tests.
 */
import { percent } from '../../charts/index.js';
import { plural } from '../../platform/text.js';
import { chart, element, figures, sortableTable, startView } from '../../apps/view-kit.js';
import { statusReportPicture } from '../charts/status-report.js';
import type { StatusReport } from '../services/status-report-service.js';

startView<StatusReport>('testio-status-report', (report, root) => {
  const { totals } = report;
  const tests = report.entries.flatMap((entry) => (entry.outcome === 'ok' ? [entry] : []));
  root.append(
    element('h1', `Status report: ${report.tests_reported} of ${plural(report.tests_requested, 'test')}`),
    figures([
      [totals.total === 1 ? 'bug in all' : 'bugs in all', String(totals.total), 'total'],
      ['critical', String(totals.by_severity.critical), 'critical'],
      ['open', String(totals.by_status.open), 'open'],
      ['acceptance', percent(totals.rates.acceptance_rate), 'acceptance_rate'],
      ['tests failed to load', String(report.tests_failed), 'failed'],
    ]),
    chart(statusReportPicture(report)),
    sortableTable(
      ['Test', 'Title', 'Status', 'Bugs', 'Critical', 'High', 'Open', 'Acceptance', 'Auto-acceptance'],
      tests.map(({ test_id, test, bugs }) => [
        test_id,
        test.title,
        test.status,
        bugs.total,
        bugs.by_severity.critical,
        bugs.by_severity.high,
        bugs.by_status.open,
        percent(bugs.rates.acceptance_rate),
        percent(bugs.rates.auto_acceptance_rate),
      ]),
    ),
  );
});
