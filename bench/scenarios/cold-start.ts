/**
 * Cold start: spawn → tools/list answered over stdio, the full server (every plugin) against the
 * bare one-tool SDK server. Runs alternate so machine noise hits both sides alike.
 */
import type { Row } from '../lib/report.js';
import { startServer, type ApiTarget, type ServerKind } from '../lib/servers.js';
import { median } from '../lib/stats.js';

export interface ColdStartResult {
  rows: Row[];
  samples: Record<ServerKind, number[]>;
  toolCount: number;
}

async function once(kind: ServerKind, api: ApiTarget): Promise<{ ms: number; tools: number }> {
  const server = await startServer(kind, api);
  const result = { ms: server.startupMs, tools: server.toolCount };
  await server.close();
  return result;
}

export async function coldStart(api: ApiTarget, runs: number): Promise<ColdStartResult> {
  // One untimed start of each warms the file-system cache, as on any machine after the first launch.
  await once('baseline', api);
  const warm = await once('testio', api);
  const samples: Record<ServerKind, number[]> = { testio: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    for (const kind of i % 2 ? (['testio', 'baseline'] as const) : (['baseline', 'testio'] as const)) {
      samples[kind].push((await once(kind, api)).ms);
    }
  }
  const value = median(samples.testio);
  const baseline = median(samples.baseline);
  return {
    samples,
    toolCount: warm.tools,
    rows: [
      {
        section: 'cold start',
        metric: `spawn → tools/list (${warm.tools} tools)`,
        value,
        unit: 'ms',
        baseline,
        baselineLabel: 'bare SDK, 1 tool',
        target: '<= 1.25x',
        met: value <= baseline * 1.25,
      },
    ],
  };
}
