/** A query_metrics answer drawn the way its chart suggestion says: a trend line, bars, or grouped bars. */
import { barChart, COLORS, lineChart, stack } from '../../charts/index.js';
import type { MetricsAnswer, MetricsColumn, MetricsRow } from '../metrics/query-metrics.js';

const MAX_BARS = 20;
const MAX_LINES = 8;
const short = (text: string, n = 18) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const asNumber = (v: MetricsRow[string] | undefined) => (typeof v === 'number' ? v : null);

export function metricsParts(answer: Pick<MetricsAnswer, 'chart' | 'rows' | 'columns' | 'metrics'>) {
  const { chart, rows } = answer;
  const column = (name: string): MetricsColumn => answer.columns.find((c) => c.name === name) ?? { name, label: name, role: 'metric', format: 'count' };
  const spec = column(chart.y);
  const ratio = spec.format === 'ratio';
  const shown = (v: number | null) => (v === null ? 0 : ratio ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100);
  const unit = ratio ? ' (%)' : '';
  if (chart.type === 'figure') {
    const value = (m: MetricsAnswer['metrics'][number]) => {
      const v = asNumber(rows[0]?.[m]);
      return v === null ? 0 : column(m).format === 'ratio' ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100;
    };
    return [barChart({ title: 'Figures (rates in %)', bars: answer.metrics.map((m) => ({ label: short(column(m).label), value: value(m), color: COLORS.neutral })) })];
  }
  if (chart.type === 'line') {
    const labels = [...new Set(rows.map((r) => String(r[chart.x!])))].sort();
    const seriesNames = chart.series ? [...new Set(rows.map((r) => String(r[chart.series!])))].slice(0, MAX_LINES) : [spec.label];
    const series = seriesNames.map((name) => ({
      name,
      values: labels.map((label) => {
        const row = rows.find((r) => String(r[chart.x!]) === label && (!chart.series || String(r[chart.series]) === name));
        return row ? asNumber(row[chart.y]) : null;
      }),
    }));
    return [lineChart({ title: `${spec.label} per ${chart.x}`, labels, series, ratio })];
  }
  const label = (r: MetricsRow) => (chart.type === 'grouped_bar' ? `${short(String(r[chart.x!]), 12)} · ${short(String(r[chart.series!]), 8)}` : short(String(r[chart.x!])));
  return [barChart({ title: `${spec.label}${unit} per ${chart.type === 'grouped_bar' ? `${chart.x} and ${chart.series}` : chart.x}`, bars: rows.slice(0, MAX_BARS).map((r) => ({ label: label(r), value: shown(asNumber(r[chart.y])), color: COLORS.neutral })) })];
}

export const metricsPicture = (answer: MetricsAnswer) => stack(480, answer.question, metricsParts(answer));
