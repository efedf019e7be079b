/** Throughput: mixed cached calls at concurrency 8 against the bare echo tool at the same concurrency. */
import { nth, prepareMix } from '../lib/mix.js';
import type { Row } from '../lib/report.js';
import { requestsServed, type SandboxHandle } from '../lib/sandbox.js';
import { mustCall, type BenchServer } from '../lib/servers.js';
import { runConcurrent } from '../lib/stats.js';
import { cpuSettled } from '../lib/cpu.js';

export const CONCURRENCY = 8;

export async function throughput(server: BenchServer, baseline: BenchServer, sandbox: SandboxHandle, total: number): Promise<Row[]> {
  const mix = await prepareMix(server);
  await runConcurrent(100, CONCURRENCY, (i) => mustCall(server, nth(mix, i).name, nth(mix, i).args).then(() => undefined));
  await cpuSettled(server.pid);
  const before = requestsServed(sandbox);
  const ms = await runConcurrent(total, CONCURRENCY, (i) => mustCall(server, nth(mix, i).name, nth(mix, i).args).then(() => undefined));
  const upstream = requestsServed(sandbox) - before;

  await runConcurrent(100, CONCURRENCY, () => mustCall(baseline, 'echo', { message: 'hello' }).then(() => undefined));
  await cpuSettled(baseline.pid);
  const baseMs = await runConcurrent(total, CONCURRENCY, () => mustCall(baseline, 'echo', { message: 'hello' }).then(() => undefined));

  const notes = [`${total} calls over ${mix.calls.length} kinds (${[...new Set(mix.calls.map((c) => c.name))].join(', ')}); ${upstream} upstream requests`];
  if (mix.dropped.length) notes.push(`dropped from the mix: ${mix.dropped.join('; ')}`);
  return [
    {
      section: 'throughput',
      metric: `mixed cached calls, concurrency ${CONCURRENCY}`,
      value: (total / ms) * 1000,
      unit: 'calls/s',
      baseline: (total / baseMs) * 1000,
      baselineLabel: 'bare echo tool',
      note: notes.join('; '),
    },
  ];
}
