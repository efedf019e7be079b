/** The status report as one picture: the totals' health and bugs, then bugs per reported test. */
import { barChart, COLORS, stack } from '../../charts/index.js';
import { plural } from '../../platform/text.js';
import type { StatusReport } from '../services/status-report-service.js';
import { bugSummaryParts } from './bug-summary.js';

/** Long test titles are cut so the bars keep their room. */
const short = (title: string) => (title.length > 18 ? `${title.slice(0, 17)}…` : title);

export function statusReportPicture(report: StatusReport): string {
  const tests = report.entries.flatMap((entry) => (entry.outcome === 'ok' ? [entry] : []));
  const perTest = barChart({
    title: 'Bugs per test',
    bars: tests.map((entry) => ({ label: `${entry.test_id} ${short(entry.test.title)}`, value: entry.bugs.total, color: COLORS.neutral })),
  });
  return stack(480, `Status report: ${plural(report.tests_reported, 'test')}, ${plural(report.totals.total, 'bug')}`, [...bugSummaryParts(report.totals, 'All tests'), perTest]);
}
