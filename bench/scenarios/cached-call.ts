/**
 * Cached call: one get_test_status round trip over stdio once its test is cached, against a bare
 * echo tool. Sequential calls, so the figure is latency, not throughput.
 */
import type { Row } from '../lib/report.js';
import { requestsServed, type SandboxHandle } from '../lib/sandbox.js';
import { mustCall, type BenchServer } from '../lib/servers.js';
import { median, percentile } from '../lib/stats.js';

export const CACHED_TEST_ID = 109363;

async function timeCalls(server: BenchServer, name: string, args: Record<string, unknown>, count: number): Promise<number[]> {
  for (let i = 0; i < 20; i++) await mustCall(server, name, args); // warm-up: JIT and cache
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await mustCall(server, name, args);
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function cachedCall(server: BenchServer, baseline: BenchServer, sandbox: SandboxHandle, count: number): Promise<Row[]> {
  const echo = await timeCalls(baseline, 'echo', { message: 'hello' }, count);
  await mustCall(server, 'get_test_status', { test_id: CACHED_TEST_ID });
  const before = requestsServed(sandbox);
  const status = await timeCalls(server, 'get_test_status', { test_id: CACHED_TEST_ID }, count);
  const upstream = requestsServed(sandbox) - before;
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
      note: `p95 ${percentile(status, 95).toFixed(2)} ms vs ${percentile(echo, 95).toFixed(2)} ms; ${upstream} upstream requests during the timed calls`,
    },
  ];
}
