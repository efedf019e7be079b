/**
 * What the insights add to each server (the analytics area's registerServer): the prompts, the
 * knowledge resources and the MCP App views of generate_quality_report and query_metrics. Each is
 * listed only when the tools it leads to are served.
 */
import { METRICS_VIEW, QUALITY_REPORT_VIEW, registerAppViews } from '../../apps/views.js';
import type { AreaServer } from '../../platform/area.js';
import { analyzeArgs, analyzeProductQuality, meetingArgs, PROMPT_TOOLS, prepMeeting } from './prompts.js';

export const PLAYBOOK_URI = 'testio://knowledge/playbook';
export const METRICS_URI = 'testio://knowledge/metrics';

const userPrompt = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });

export function registerInsights(server: AreaServer): void {
  const { mcp, tools } = server;
  registerAppViews(server, [QUALITY_REPORT_VIEW, METRICS_VIEW]);
  if (!PROMPT_TOOLS.some((name) => tools.has(name))) return;
  mcp.registerPrompt(
    'analyze-product-quality',
    { title: 'Analyse product quality', description: 'Walks through the quality report and focused metrics of one product for a period, then writes findings and actions.', argsSchema: analyzeArgs },
    (args) => userPrompt(analyzeProductQuality(args)),
  );
  mcp.registerPrompt(
    'prep-meeting',
    { title: 'Prepare a quality meeting', description: 'Builds a meeting brief (summary, agenda, follow-ups) on one product for a period, tuned to the audience.', argsSchema: meetingArgs },
    (args) => userPrompt(prepMeeting(args)),
  );
  // The knowledge modules (registry, playbook) load on the first read, not at start-up.
  const text = (uri: string, body: (k: typeof import('./knowledge.js')) => string) => async () => ({ contents: [{ uri, mimeType: 'text/markdown', text: body(await import('./knowledge.js')) }] });
  mcp.registerResource('testio-playbook', PLAYBOOK_URI, { title: 'TestIO review playbook', description: 'Health thresholds of the review rates, why each matters and what to do.', mimeType: 'text/markdown' }, text(PLAYBOOK_URI, (k) => k.playbookKnowledge()));
  mcp.registerResource('testio-metrics', METRICS_URI, { title: 'TestIO metrics and dimensions', description: 'Every query_metrics metric and dimension with its exact definition.', mimeType: 'text/markdown' }, text(METRICS_URI, (k) => k.metricsKnowledge()));
}
