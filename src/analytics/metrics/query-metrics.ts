/**
 * query_metrics: metrics x at most two dimensions over the analytics store, with filters, a date
 * range on the tests' start, sort and limit. Validates every name against the registry (errors name
 * the parameter and list the valid values), aggregates once, computes each metric from the groups'
 * counts, and says in words what it answered, what to watch out for, and how to draw it.
 */
import { UserInputError } from '../../platform/errors.js';
import { aggregate, type FilterValue, type Group, type Scope } from './aggregate.js';
import { describeQuestion } from './describe.js';
import {
  DEFAULT_LIMIT,
  dimension,
  DIMENSION_NAMES,
  emptyCounts,
  MAX_DIMENSIONS,
  MAX_LIMIT,
  metric,
  METRIC_NAMES,
  summaryOf,
  type DimensionName,
  type MetricName,
  type Need,
} from './registry.js';
import type { AnalyticsStore } from '../store/open-store.js';
import { suggestChart, type ChartSuggestion } from './chart-suggestion.js';

export interface MetricsRequest {
  metrics: MetricName[];
  dimensions: DimensionName[];
  filters?: Record<string, FilterValue | boolean | Array<FilterValue | boolean>>;
  /** Resolved range on the tests' start (ISO). */
  start?: string;
  end?: string;
  sort?: { by: string; direction: 'asc' | 'desc' };
  limit?: number;
}

export type MetricsRow = Record<string, string | number | null>;

export interface MetricsColumn {
  name: string;
  label: string;
  role: 'dimension' | 'dimension_id' | 'metric';
  format: 'text' | 'id' | 'count' | 'ratio' | 'score';
}

function columnsOf(request: MetricsRequest): MetricsColumn[] {
  return [
    ...request.dimensions.flatMap((name): MetricsColumn[] => {
      const spec = dimension(name);
      const column: MetricsColumn = { name, label: spec.label, role: 'dimension', format: 'text' };
      return spec.numeric ? [{ name: `${name}_id`, label: `${spec.label} id`, role: 'dimension_id', format: 'id' }, column] : [column];
    }),
    ...request.metrics.map((name): MetricsColumn => ({ name, label: metric(name).label, role: 'metric', format: metric(name).format })),
  ];
}

export interface MetricsAnswer {
  question: string;
  metrics: MetricName[];
  dimensions: DimensionName[];
  filters: Record<string, FilterValue[]>;
  period: { start: string | null; end: string | null };
  /** What each row field is: label and, for metrics, the format (count, ratio 0..1, score). */
  columns: MetricsColumn[];
  rows: MetricsRow[];
  total_groups: number;
  truncated: boolean;
  sort: { by: string; direction: 'asc' | 'desc' };
  warnings: string[];
  chart: ChartSuggestion;
  query_ms: number;
}

const list = (values: readonly string[]) => values.join(', ');

/** Checks names the zod schema cannot (filters are free-form) and duplicates. */
export function validateRequest(request: MetricsRequest): { scope: Scope; filters: Record<string, FilterValue[]> } {
  if (request.metrics.length === 0) throw new UserInputError('metrics', 'metrics is empty.', `Name at least one of: ${list(METRIC_NAMES)}.`);
  if (request.dimensions.length > MAX_DIMENSIONS) {
    throw new UserInputError('dimensions', `At most ${MAX_DIMENSIONS} dimensions per query (got ${request.dimensions.length}).`, 'Drop one, or filter on it instead.');
  }
  if (new Set(request.dimensions).size !== request.dimensions.length) throw new UserInputError('dimensions', 'A dimension is named twice.', 'Name each dimension once.');
  const filters: Record<string, FilterValue[]> = {};
  for (const [name, raw] of Object.entries(request.filters ?? {})) {
    if (!(DIMENSION_NAMES as string[]).includes(name)) {
      throw new UserInputError('filters', `filters has no dimension "${name}".`, `Filter on one of: ${list(DIMENSION_NAMES)}.`);
    }
    const spec = dimension(name as DimensionName);
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'boolean' ? String(v) : v));
    if (values.length === 0) throw new UserInputError(`filters.${name}`, `filters.${name} is empty.`, 'Give at least one value, or drop the filter.');
    if (values.length > 500) throw new UserInputError(`filters.${name}`, `filters.${name} has ${values.length} values; at most 500.`, 'Narrow the filter.');
    filters[name] = values.map((value) => {
      if (spec.numeric) {
        const id = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
        if (!Number.isSafeInteger(id) || id <= 0) throw new UserInputError(`filters.${name}`, `filters.${name} takes ${name} ids; "${value}" is not one.`, `Use whole numbers, e.g. {"${name}": [25073]}.`);
        return id;
      }
      const text = String(value);
      if (spec.values && !spec.values.includes(text)) {
        throw new UserInputError(`filters.${name}`, `filters.${name} has no value "${text}".`, `Use one of: ${list(spec.values)}.`);
      }
      return text;
    });
  }
  const { product, ...rest } = filters;
  const scope: Scope = { start: request.start, end: request.end, productIds: product as number[] | undefined, filters: rest as Scope['filters'] };
  return { scope, filters };
}

function sortKey(request: MetricsRequest): { by: string; direction: 'asc' | 'desc' } {
  const valid = [...request.metrics, ...request.dimensions];
  if (request.sort) {
    if (!valid.includes(request.sort.by as MetricName)) {
      throw new UserInputError('sort.by', `sort.by "${request.sort.by}" is not among the requested metrics or dimensions.`, `Sort by one of: ${list(valid)}.`);
    }
    return request.sort;
  }
  const time = request.dimensions.find((d) => dimension(d).kind === 'time');
  return time ? { by: time, direction: 'asc' } : { by: request.metrics[0]!, direction: 'desc' };
}

function rowOf(group: Group, request: MetricsRequest): MetricsRow {
  const row: MetricsRow = {};
  request.dimensions.forEach((name, i) => {
    const spec = dimension(name);
    const key = group.keys[i] ?? null;
    if (spec.numeric) {
      row[`${name}_id`] = key === null ? null : Number(key);
      row[name] = group.labels[i] ?? (key === null ? spec.nullLabel : `#${key}`);
    } else {
      row[name] = key === null ? spec.nullLabel : String(key);
    }
  });
  const summary = summaryOf(group.counts);
  for (const name of request.metrics) row[name] = metric(name).compute(group.counts, summary);
  return row;
}

function compare(a: MetricsRow, b: MetricsRow, by: string, direction: 'asc' | 'desc'): number {
  const x = a[by] ?? null;
  const y = b[by] ?? null;
  // Nulls (no data to measure) always last.
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  return direction === 'asc' ? order : -order;
}

export async function queryMetrics(store: AnalyticsStore, request: MetricsRequest): Promise<MetricsAnswer> {
  const started = performance.now();
  const { scope, filters } = validateRequest(request);
  const sort = sortKey(request);
  const limit = request.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new UserInputError('limit', `limit must be 1-${MAX_LIMIT}.`, `Use e.g. ${DEFAULT_LIMIT}.`);
  const needs = new Set<Need>(request.metrics.flatMap((m) => metric(m).needs));
  let groups = await aggregate({ db: store.db, dialect: store.dialect, scope, dimensions: request.dimensions, needs });
  if (request.dimensions.length === 0 && groups.length === 0) groups = [{ keys: [], labels: [], counts: emptyCounts() }];
  // Ties are broken by the groups' own keys, so the rows (and which ones a limit keeps) do not
  // depend on the order the database returned the groups in: SQLite and PostgreSQL differ there.
  const keys = request.dimensions.map((name) => (dimension(name).numeric ? `${name}_id` : name));
  const rows = groups
    .map((g) => rowOf(g, request))
    .sort((a, b) => compare(a, b, sort.by, sort.direction) || keys.reduce((order, key) => order || compare(a, b, key, 'asc'), 0));
  const shown = rows.slice(0, limit);
  const warnings = await warningsFor(store, request, rows, shown.length, scope, sort);
  return {
    question: describeQuestion(request, filters, sort, limit),
    metrics: request.metrics,
    dimensions: request.dimensions,
    filters,
    period: { start: request.start ?? null, end: request.end ?? null },
    columns: columnsOf(request),
    rows: shown,
    total_groups: rows.length,
    truncated: shown.length < rows.length,
    sort,
    warnings,
    chart: suggestChart(request.metrics, request.dimensions),
    query_ms: Math.round((performance.now() - started) * 100) / 100,
  };
}

async function warningsFor(
  store: AnalyticsStore,
  request: MetricsRequest,
  rows: MetricsRow[],
  shown: number,
  scope: Scope,
  sort: { by: string; direction: string },
): Promise<string[]> {
  const warnings: string[] = [];
  const synced = await store.db.selectFrom('sync_state').select('product_id').execute();
  if (synced.length === 0) warnings.push('The analytics store holds no synced product yet: every figure is 0. Run sync_data first.');
  else {
    const missing = (scope.productIds ?? []).filter((id) => !synced.some((s) => Number(s.product_id) === id));
    if (missing.length) warnings.push(`Product${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not synced: run sync_data with product_ids [${missing.join(', ')}].`);
  }
  if (shown < rows.length) warnings.push(`Showing ${shown} of ${rows.length} groups (sorted by ${sort.by} ${sort.direction}); raise limit (at most ${MAX_LIMIT}) or add filters to see the rest.`);
  const rates = request.metrics.filter((m) => metric(m).format === 'ratio' || m === 'bugs_per_test');
  const empty = rows.filter((row) => rates.some((m) => row[m] === null)).length;
  if (rates.length && empty) warnings.push(`${empty} group${empty > 1 ? 's have' : ' has'} nothing to measure (no bugs, or no tests for bugs_per_test): ${empty > 1 ? 'their' : 'its'} rates are null, not 0.`);
  for (const name of request.dimensions) {
    const spec = dimension(name);
    if (!spec.values || request.dimensions.length !== 1) continue;
    const seen = new Set(rows.map((row) => row[name]));
    const absent = spec.values.filter((v) => !seen.has(v));
    if (absent.length) warnings.push(`No data for ${name} ${absent.join(', ')} in this scope (no row listed).`);
  }
  return warnings;
}
