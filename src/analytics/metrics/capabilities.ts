/**
 * get_analytics_capabilities and the testio://knowledge/metrics resource, both written from the
 * registry query_metrics validates against: what exists is exactly what works.
 */
import { DEFAULT_LIMIT, DIMENSIONS, MAX_DIMENSIONS, MAX_LIMIT, METRICS, SEVERITY_WEIGHTS, type DimensionSpec } from './registry.js';

export function analyticsCapabilities() {
  return {
    metrics: METRICS.map(({ name, label, definition, format }) => ({ name, label, definition, format })),
    dimensions: (DIMENSIONS as readonly DimensionSpec[]).map((d) => ({
      name: d.name,
      label: d.label,
      definition: d.definition,
      kind: d.kind,
      level: d.testKey ? ('test' as const) : ('bug' as const),
      filter_by: d.numeric ? ('id' as const) : ('value' as const),
      values: [...(d.values ?? [])],
      examples: [...(d.examples ?? [])],
    })),
    severity_weights: { ...SEVERITY_WEIGHTS },
    limits: { max_dimensions: MAX_DIMENSIONS, default_limit: DEFAULT_LIMIT, max_limit: MAX_LIMIT },
    scope_rule:
      'A period selects the tests that started in it; a bug belongs to its test\'s period. A bug-level dimension or filter counts only the tests that have matching bugs. Rates divide by the group\'s bugs (auto-acceptance by its accepted bugs) and are null when there is nothing to measure.',
  };
}

export type AnalyticsCapabilities = ReturnType<typeof analyticsCapabilities>;

export function metricsKnowledge(): string {
  const c = analyticsCapabilities();
  return [
    '# TestIO analytics: metrics and dimensions',
    '',
    c.scope_rule,
    '',
    '## Metrics',
    ...c.metrics.map((m) => `- **${m.name}** (${m.label}, ${m.format}): ${m.definition}`),
    '',
    `Severity weights of severity_score: ${Object.entries(c.severity_weights).map(([s, w]) => `${s} = ${w}`).join(', ')}.`,
    '',
    '## Dimensions',
    ...c.dimensions.map((d) => `- **${d.name}** (${d.level}-level${d.values.length ? `; values ${d.values.join(', ')}` : ''}): ${d.definition}`),
    '',
    `## Limits\nAt most ${c.limits.max_dimensions} dimensions per query; ${c.limits.default_limit} rows by default, at most ${c.limits.max_limit}.`,
  ].join('\n');
}
