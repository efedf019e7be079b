/**
 * Cached call: one get_test_status round trip over stdio once its test is cached, against a bare
 * echo tool. Sequential calls, so the figure is latency, not throughput. Measured with the
 * minimal JSON-RPC client; the SDK Client's figure (it validates structuredContent against the
 * outputSchema on every call) is given beside it.
 */
import type { Row } from '../lib/report.js';
import { requestsServed, type SandboxHandle } from '../lib/sandbox.js';
import { cpuMs, cpuSettled } from '../lib/cpu.js';
import { mustCall, type BenchServer, type RawServer } from '../lib/servers.js';
import { median, percentile } from '../lib/stats.js';

export const CACHED_TEST_ID = 109363;

type Call = () => Promise<unknown>;

async function timeCalls(call: Call, count: number, cpu?: { pid: number; perCallMs?: number }): Promise<number[]> {
  for (let i = 0; i < 20; i++) await call(); // warm-up: JIT and cache
  if (cpu) await cpuSettled(cpu.pid); // the server's own start-up work is not a call's
  const samples: number[] = [];
  const cpuBefore = cpu && cpuMs(cpu.pid);
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  const cpuAfter = cpu && cpuMs(cpu.pid);
  if (cpu && cpuBefore !== undefined && cpuAfter !== undefined) cpu.perCallMs = (cpuAfter - cpuBefore) / count;
  return samples;
}

function rawCall(server: RawServer, name: string, args: Record<string, unknown>): Call {
  return async () => {
    const result = await server.raw.request<{ isError?: boolean; content: Array<{ text?: string }> }>('tools/call', { name, arguments: args });
    if (result.isError) throw new Error(`${name} failed: ${result.content[0]?.text ?? ''}`);
  };
}

export interface CachedCallServers {
  raw: RawServer;
  rawBaseline: RawServer;
  sdk: BenchServer;
  sdkBaseline: BenchServer;
}

export async function cachedCall(servers: CachedCallServers, sandbox: SandboxHandle, count: number): Promise<Row[]> {
  const args = { test_id: CACHED_TEST_ID };
  const echoCpu: { pid: number; perCallMs?: number } = { pid: servers.rawBaseline.pid };
  const statusCpu: { pid: number; perCallMs?: number } = { pid: servers.raw.pid };
  const echo = await timeCalls(rawCall(servers.rawBaseline, 'echo', { message: 'hello' }), count, echoCpu);
  const callStatus = rawCall(servers.raw, 'get_test_status', args);
  await callStatus(); // fills the cache
  const before = requestsServed(sandbox);
  const status = await timeCalls(callStatus, count, statusCpu);
  const upstream = requestsServed(sandbox) - before;
  const sdkEcho = median(await timeCalls(() => mustCall(servers.sdkBaseline, 'echo', { message: 'hello' }), count));
  const sdkStatus = median(await timeCalls(() => mustCall(servers.sdk, 'get_test_status', args), count));
  const value = median(status);
  const base = median(echo);
  return [
    {
      section: 'cached call',
      metric: `get_test_status round trip (median of ${count})`,
      value,
      unit: 'ms',
      baseline: base,
      baselineLabel: 'bare echo tool',
      target: '<= 1.5x',
      met: value <= base * 1.5,
      note:
        `p95 ${percentile(status, 95).toFixed(2)} ms vs ${percentile(echo, 95).toFixed(2)} ms; ${upstream} upstream requests during the timed calls; ` +
        `with the SDK Client: ${sdkStatus.toFixed(2)} ms vs ${sdkEcho.toFixed(2)} ms (${(sdkStatus / sdkEcho).toFixed(2)}x)`,
    },
    ...(statusCpu.perCallMs !== undefined && echoCpu.perCallMs !== undefined
      ? [{ section: 'cached call', metric: 'server CPU time per call', value: statusCpu.perCallMs, unit: 'ms', baseline: echoCpu.perCallMs, baselineLabel: 'bare echo tool' }]
      : []),
  ];
}
