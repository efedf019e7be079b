/** What a query_metrics request asked, in words: the first line of every answer. */
import type { FilterValue } from './aggregate.js';
import type { MetricsRequest } from './query-metrics.js';
import { dimension, metric, type DimensionName } from './registry.js';

const and = (parts: string[]) => (parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);

export function describeQuestion(
  request: MetricsRequest,
  filters: Record<string, FilterValue[]>,
  sort: { by: string; direction: 'asc' | 'desc' },
  limit: number,
): string {
  const what = and(request.metrics.map((m) => metric(m).label.toLowerCase()));
  const by = request.dimensions.length ? ` by ${and(request.dimensions.map((d) => dimension(d).label.toLowerCase()))}` : ' in total';
  const where = Object.entries(filters).map(([name, values]) => `${dimension(name as DimensionName).label.toLowerCase()} ${values.join(' or ')}`);
  const period =
    request.start || request.end
      ? `tests started ${request.start ? `from ${request.start.slice(0, 10)}` : ''}${request.start && request.end ? ' ' : ''}${request.end ? `to ${request.end.slice(0, 10)}` : ''}`
      : 'all synced tests';
  const order = request.dimensions.length ? `, ${sort.direction === 'asc' ? 'lowest' : 'highest'} ${sort.by.replace(/_/g, ' ')} first, at most ${limit} rows` : '';
  return `${what[0]!.toUpperCase()}${what.slice(1)}${by}, for ${where.length ? `${and(where)}, ` : ''}${period}${order}.`;
}
