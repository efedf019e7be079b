/**
 * The query_metrics explorer (browser): the question in words, warnings, the suggested chart (trend
 * line, bars or grouped bars, drawn by the same code as the image block) and the rows as a
 * sortable table.
 */
import { percent } from '../../charts/index.js';
import { chart, element, sortableTable, startView } from '../../apps/view-kit.js';
import { metricsPicture } from '../charts/metrics.js';
import type { MetricsAnswer } from '../metrics/query-metrics.js';

startView<MetricsAnswer>('testio-query-metrics', (answer, root) => {
  const columns = answer.columns.filter((c) => c.role !== 'dimension_id');
  root.append(
    element('h1', answer.question),
    ...answer.warnings.map((w) => element('p', w, 'warning')),
    chart(metricsPicture(answer)),
    sortableTable(
      columns.map((c) => c.label),
      answer.rows.map((row) => columns.map((c) => (c.format === 'ratio' ? percent((row[c.name] as number | null) ?? null) : (row[c.name] ?? null)))),
    ),
    element('p', `${answer.rows.length} of ${answer.total_groups} rows · ${answer.query_ms} ms`, 'meta'),
  );
});
