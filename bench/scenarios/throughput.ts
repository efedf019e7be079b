/**
 * Throughput: mixed cached calls at concurrency 8 against the bare echo tool at the same
 * concurrency, both in steady state. Each server first answers `warmUp` calls (3,000 in a full run): in one run of
 * the same build, 2,000 calls after a 200-call warm-up cost 0.336 ms of server CPU each, and the
 * next 2,000 0.185 ms (the JIT's optimising tiers come in over the first few thousand calls; the
 * echo server went from 0.232 to 0.115 ms the same way). A server answers such calls all day.
 */
import { nth, prepareMix } from '../lib/mix.js';
import type { Row } from '../lib/report.js';
import { requestsServed, type SandboxHandle } from '../lib/sandbox.js';
import { mustCall, type BenchServer } from '../lib/servers.js';
import { runConcurrent } from '../lib/stats.js';
import { cpuMs, cpuSettled } from '../lib/cpu.js';

export const CONCURRENCY = 8;

const perCall = (before: number | undefined, after: number | undefined, calls: number) => (before === undefined || after === undefined ? undefined : (after - before) / calls);

export async function throughput(server: BenchServer, baseline: BenchServer, sandbox: SandboxHandle, total: number, warmUp: number): Promise<Row[]> {
  const mix = await prepareMix(server);
  await runConcurrent(warmUp, CONCURRENCY, (i) => mustCall(server, nth(mix, i).name, nth(mix, i).args).then(() => undefined));
  await cpuSettled(server.pid);
  const before = requestsServed(sandbox);
  const cpuBefore = cpuMs(server.pid);
  const ms = await runConcurrent(total, CONCURRENCY, (i) => mustCall(server, nth(mix, i).name, nth(mix, i).args).then(() => undefined));
  const cpuPerCall = perCall(cpuBefore, cpuMs(server.pid), total);
  const upstream = requestsServed(sandbox) - before;

  await runConcurrent(warmUp, CONCURRENCY, () => mustCall(baseline, 'echo', { message: 'hello' }).then(() => undefined));
  await cpuSettled(baseline.pid);
  const baseCpuBefore = cpuMs(baseline.pid);
  const baseMs = await runConcurrent(total, CONCURRENCY, () => mustCall(baseline, 'echo', { message: 'hello' }).then(() => undefined));
  const baseCpuPerCall = perCall(baseCpuBefore, cpuMs(baseline.pid), total);

  const notes = [`${total} calls after ${warmUp} warm-up calls each, over ${mix.calls.length} kinds (${[...new Set(mix.calls.map((c) => c.name))].join(', ')}); ${upstream} upstream requests`];
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
