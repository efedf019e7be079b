/** Throughput: mixed cached calls at concurrency 8 against the bare echo tool at the same concurrency. */
import { nth, prepareMix } from '../lib/mix.js';
import type { Row } from '../lib/report.js';
import { requestsServed, type SandboxHandle } from '../lib/sandbox.js';
import { mustCall, type BenchServer } from '../lib/servers.js';
import { runConcurrent } from '../lib/stats.js';
import { cpuMs, cpuSettled } from '../lib/cpu.js';

export const CONCURRENCY = 8;

const perCall = (before: number | undefined, after: number | undefined, calls: number) => (before === undefined || after === undefined ? undefined : (after - before) / calls);

export async function throughput(server: BenchServer, baseline: BenchServer, sandbox: SandboxHandle, total: number): Promise<Row[]> {
  const mix = await prepareMix(server);
  await runConcurrent(100, CONCURRENCY, (i) => mustCall(server, nth(mix, i).name, nth(mix, i).args).then(() => undefined));
  await cpuSettled(server.pid);
  const before = requestsServed(sandbox);
  const cpuBefore = cpuMs(server.pid);
  const ms = await runConcurrent(total, CONCURRENCY, (i) => mustCall(server, nth(mix, i).name, nth(mix, i).args).then(() => undefined));
  const cpuPerCall = perCall(cpuBefore, cpuMs(server.pid), total);
  const upstream = requestsServed(sandbox) - before;

  await runConcurrent(100, CONCURRENCY, () => mustCall(baseline, 'echo', { message: 'hello' }).then(() => undefined));
  await cpuSettled(baseline.pid);
  const baseCpuBefore = cpuMs(baseline.pid);
  const baseMs = await runConcurrent(total, CONCURRENCY, () => mustCall(baseline, 'echo', { message: 'hello' }).then(() => undefined));
  const baseCpuPerCall = perCall(baseCpuBefore, cpuMs(baseline.pid), total);

  const notes = [`${total} calls over ${mix.calls.length} kinds (${[...new Set(mix.calls.map((c) => c.name))].join(', ')}); ${upstream} upstream requests`];
  // Server CPU per call is steadier than calls/s when other jobs share the cores (the client runs in this process).
  if (cpuPerCall !== undefined && baseCpuPerCall !== undefined) notes.push(`server CPU per call ${cpuPerCall.toFixed(3)} ms vs ${baseCpuPerCall.toFixed(3)} ms for echo (${(cpuPerCall / baseCpuPerCall).toFixed(2)}x)`);
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
