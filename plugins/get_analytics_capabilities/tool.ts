import { z } from 'zod';
import { analyticsCapabilities } from '../../src/kit/insights.js';
import { defineTool } from '../../src/kit/tool.js';

const named = { name: z.string(), label: z.string(), definition: z.string() };

export default defineTool({
  name: 'get_analytics_capabilities',
  title: 'List the analytics metrics and dimensions',
  description: `Lists every metric and dimension query_metrics accepts, each with its exact definition, the values a dimension can take, the severity weights of severity_score and the limits. Generated from the registry query_metrics validates against, so what it lists is exactly what works.

Use this tool when you need to:
- know which figures and groupings exist before calling query_metrics
- explain to someone how a rate is computed

Example: "What can I group TestIO bugs by?"`,
  inputSchema: {},
  outputSchema: {
    metrics: z.array(z.object({ ...named, format: z.enum(['count', 'ratio', 'score']) })),
    dimensions: z.array(
      z.object({ ...named, kind: z.enum(['entity', 'category', 'time', 'flag']), level: z.enum(['test', 'bug']), filter_by: z.enum(['id', 'value']), values: z.array(z.string()), examples: z.array(z.string()) }),
    ),
    severity_weights: z.record(z.number()),
    limits: z.object({ max_dimensions: z.number().int(), default_limit: z.number().int(), max_limit: z.number().int() }),
    scope_rule: z.string(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'testio-analytics',
  handler: () => analyticsCapabilities(),
  render: (out) =>
    [
      `**Metrics** (${out.metrics.length})`,
      ...out.metrics.map((m) => `- ${m.name}: ${m.definition}`),
      '',
      `**Dimensions** (${out.dimensions.length}, at most ${out.limits.max_dimensions} per query)`,
      ...out.dimensions.map((d) => `- ${d.name} (${d.level}-level${d.values.length ? `: ${d.values.join(', ')}` : ''}): ${d.definition}`),
      '',
      out.scope_rule,
    ].join('\n'),
});
