/**
 * How to draw a query_metrics answer: a line over a time dimension (one line per value of the
 * other dimension), bars for one category, grouped bars for two, a single figure for none.
 * The server-side picture and the app view follow the same suggestion.
 */
import { dimension, metric, type DimensionName, type MetricName } from './registry.js';

export interface ChartSuggestion {
  type: 'line' | 'bar' | 'grouped_bar' | 'figure';
  /** The dimension along the x axis (or the bars' labels). */
  x: DimensionName | null;
  /** The metric drawn (the first requested). */
  y: MetricName;
  /** A dimension drawn as one series each (lines or bar groups). */
  series: DimensionName | null;
  why: string;
}

export function suggestChart(metrics: readonly MetricName[], dimensions: readonly DimensionName[]): ChartSuggestion {
  const y = metrics[0]!;
  const label = metric(y).label.toLowerCase();
  const time = dimensions.find((d) => dimension(d).kind === 'time') ?? null;
  const other = dimensions.find((d) => d !== time) ?? null;
  if (dimensions.length === 0) return { type: 'figure', x: null, y, series: null, why: `One figure: ${label} for the whole scope.` };
  if (time) {
    return { type: 'line', x: time, y, series: other, why: other ? `${label} over ${time}, one line per ${other}.` : `${label} over ${time}: a trend.` };
  }
  if (!other || dimensions.length === 1) return { type: 'bar', x: dimensions[0]!, y, series: null, why: `${label} per ${dimensions[0]}, largest first.` };
  return { type: 'grouped_bar', x: dimensions[0]!, y, series: dimensions[1]!, why: `${label} per ${dimensions[0]}, bars grouped by ${dimensions[1]}.` };
}
