/**
 * The quality report as pictures (image block and app view): review-health gauges coloured by the
 * playbook, bugs by severity and status, the trend per period (bugs, then the rates), and the
 * features drawing the most bugs.
 */
import { barChart, COLORS, lineChart, stack } from '../../charts/index.js';
import { bugSummaryParts } from '../../testio/charts/bug-summary.js';
import type { QualityReport } from '../report/schema.js';

const short = (title: string, n = 18) => (title.length > n ? `${title.slice(0, n - 1)}…` : title);

export function qualityTrendParts(report: QualityReport) {
  const { unit, points } = report.trend;
  const labels = points.map((p) => p.period);
  return [
    lineChart({ title: `Tests and bugs per ${unit}`, labels, series: [{ name: 'bugs', values: points.map((p) => p.bugs), color: COLORS.neutral }, { name: 'tests', values: points.map((p) => p.tests), color: COLORS.muted }] }),
    lineChart({
      title: `Review rates per ${unit}`,
      labels,
      ratio: true,
      series: [
        { name: 'rejection', values: points.map((p) => p.rejection_rate), color: COLORS.critical },
        { name: 'auto-acceptance', values: points.map((p) => p.auto_acceptance_rate), color: COLORS.warn },
        { name: 'review', values: points.map((p) => p.review_rate), color: COLORS.ok },
      ],
    }),
  ];
}

export function qualityReportPicture(report: QualityReport): string {
  const parts = [...bugSummaryParts(report.bugs, 'All tests')];
  if (report.trend.points.length > 1) parts.push(...qualityTrendParts(report));
  if (report.features.length) {
    parts.push(barChart({ title: 'Bugs per feature', bars: report.features.slice(0, 8).map((f) => ({ label: short(f.title), value: f.bugs, color: COLORS.neutral })) }));
  }
  return stack(480, `Quality report: ${report.tests.total} tests, ${report.bugs.total} bugs`, parts);
}
