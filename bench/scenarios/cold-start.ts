/**
 * Cold start: spawn → tools/list answered over stdio, the full server (every plugin) against the
 * bare one-tool SDK server. Measured with the minimal JSON-RPC client (server and transport only)
 * and, for reference, with the SDK Client (which then compiles each outputSchema with ajv).
 * Runs alternate so machine noise hits both sides alike.
 */
import type { Row } from '../lib/report.js';
import { startRawServer, startServer, type ApiTarget, type ServerKind } from '../lib/servers.js';
import { median } from '../lib/stats.js';

type Client = 'raw' | 'sdk';

async function once(kind: ServerKind, client: Client, api: ApiTarget): Promise<{ ms: number; cpuMs?: number; tools: number }> {
  const server = client === 'raw' ? await startRawServer(kind, api) : await startServer(kind, api);
  const result = { ms: server.startupMs, cpuMs: 'startupCpuMs' in server ? server.startupCpuMs : undefined, tools: server.toolCount };
  await server.close();
  return result;
}

export async function coldStart(api: ApiTarget, runs: number): Promise<Row[]> {
  // One untimed start of each warms the file-system cache, as on any machine after the first launch.
  await once('baseline', 'raw', api);
  const { tools } = await once('testio', 'raw', api);
  const samples: Record<`${ServerKind}-${Client}`, number[]> = { 'testio-raw': [], 'baseline-raw': [], 'testio-sdk': [], 'baseline-sdk': [] };
  const cpu: Record<ServerKind, number[]> = { testio: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    const kinds: ServerKind[] = i % 2 ? ['testio', 'baseline'] : ['baseline', 'testio'];
    for (const client of ['raw', 'sdk'] as const) {
      for (const kind of kinds) {
        const sample = await once(kind, client, api);
        samples[`${kind}-${client}`].push(sample.ms);
        if (client === 'raw' && sample.cpuMs !== undefined) cpu[kind].push(sample.cpuMs);
      }
    }
  }
  const value = median(samples['testio-raw']);
  const baseline = median(samples['baseline-raw']);
  const sdk = median(samples['testio-sdk']);
  const sdkBase = median(samples['baseline-sdk']);
  return [
    {
      section: 'cold start',
      metric: `spawn → tools/list (${tools} tools)`,
      value,
      unit: 'ms',
      baseline,
      baselineLabel: 'bare SDK, 1 tool',
      target: '<= 1.25x',
      met: value <= baseline * 1.25,
      note: `median of ${runs}; with the SDK Client instead of raw JSON-RPC: ${sdk.toFixed(0)} ms vs ${sdkBase.toFixed(0)} ms (${(sdk / sdkBase).toFixed(2)}x)`,
    },
    ...(cpu.testio.length
      ? [
          {
            section: 'cold start',
            metric: 'server CPU time until tools/list answered',
            value: median(cpu.testio),
            unit: 'ms',
            baseline: median(cpu.baseline),
            baselineLabel: 'bare SDK, 1 tool',
            note: 'CPU time is steadier than wall time when other jobs load the machine',
          },
        ]
      : []),
  ];
}
