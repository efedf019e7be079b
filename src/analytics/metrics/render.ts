/** query_metrics' text: the question in words, warnings, then the rows as a table. */
import { pct } from '../../testio/render/format.js';
import { markdownTable } from '../../testio/render/table.js';
import type { MetricsAnswer } from './query-metrics.js';
import { dimension, metric } from './registry.js';

export function renderMetrics(answer: MetricsAnswer): string {
  const headers = [...answer.dimensions.map((d) => dimension(d).label), ...answer.metrics.map((m) => metric(m).label)];
  const rows = answer.rows.map((row) => [
    ...answer.dimensions.map((d) => (dimension(d).numeric && row[`${d}_id`] !== null ? `${row[d]} (${row[`${d}_id`]})` : row[d])),
    ...answer.metrics.map((m) => {
      const value = row[m] ?? null;
      return metric(m).format === 'ratio' ? pct(value as number | null) : value;
    }),
  ]);
  const lines = [
    `**${answer.question}**`,
    ...answer.warnings.map((w) => `⚠️ ${w}`),
    '',
    answer.rows.length ? markdownTable(headers, rows) : 'No rows: nothing matches this scope.',
    '',
    `${answer.rows.length} of ${answer.total_groups} rows · ${answer.query_ms} ms · chart: ${answer.chart.type} (${answer.chart.why})`,
  ];
  return lines.join('\n');
}
