/**
 * Throughput: mixed cached calls at concurrency 8 against the bare echo tool at the same
 * concurrency, both in steady state, as the median of ROUNDS rounds taken in turn.
 *
 * Each server first answers `warmUp` calls (10,000 in a full run): V8's optimising tiers come in
 * over the first thousands of calls, later for our larger call path than for echo's. In one run,
 * rounds of 2,000 mixed calls after 3,000 warm-up calls ran at 5,748, 5,699 and 5,417 calls/s
 * (0.15-0.17 ms of server CPU each), then from 9,000 calls on at 7,038-7,444 (0.11-0.13 ms); the
 * echo server went from 6,938 to 8,300-9,600 calls/s over the same rounds. A server answers such
 * calls all day, so the row compares the two after the warm-up. Rounds taken in
 * turn, with the median kept, because one round that shares the cores with a stray job moved the
 * ratio by 0.15 on a quiet machine.
 */
import { nth, prepareMix } from '../lib/mix.js';
import type { Row } from '../lib/report.js';
import { requestsServed, type SandboxHandle } from '../lib/sandbox.js';
import { mustCall, type BenchServer } from '../lib/servers.js';
import { median, runConcurrent } from '../lib/stats.js';
import { cpuMs, cpuSettled } from '../lib/cpu.js';

export const CONCURRENCY = 8;
export const ROUNDS = 3;

interface Round {
  callsPerSecond: number;
  cpuPerCall?: number;
}

async function round(server: BenchServer, calls: number, call: (i: number) => Promise<unknown>): Promise<Round> {
  await cpuSettled(server.pid);
  const cpuBefore = cpuMs(server.pid);
  const ms = await runConcurrent(calls, CONCURRENCY, (i) => call(i).then(() => undefined));
  const cpuAfter = cpuMs(server.pid);
  return { callsPerSecond: (calls / ms) * 1000, cpuPerCall: cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / calls };
}

const medianOf = (rounds: Round[], pick: (r: Round) => number | undefined) => {
  const values = rounds.map(pick).filter((v): v is number => v !== undefined);
  return values.length === rounds.length ? median(values) : undefined;
};

export async function throughput(server: BenchServer, baseline: BenchServer, sandbox: SandboxHandle, total: number, warmUp: number): Promise<Row[]> {
  const mix = await prepareMix(server);
  const ours = (i: number) => mustCall(server, nth(mix, i).name, nth(mix, i).args);
  const echo = () => mustCall(baseline, 'echo', { message: 'hello' });
  await runConcurrent(warmUp, CONCURRENCY, (i) => ours(i).then(() => undefined));
  await runConcurrent(warmUp, CONCURRENCY, () => echo().then(() => undefined));

  const before = requestsServed(sandbox);
  const ourRounds: Round[] = [];
  const echoRounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ourRounds.push(await round(server, total, ours));
    echoRounds.push(await round(baseline, total, echo));
  }
  const upstream = requestsServed(sandbox) - before;
  const cpuPerCall = medianOf(ourRounds, (r) => r.cpuPerCall);
  const baseCpuPerCall = medianOf(echoRounds, (r) => r.cpuPerCall);

  const ratios = ourRounds.map((r, i) => (r.callsPerSecond / echoRounds[i].callsPerSecond).toFixed(2)).join(', ');
  const notes = [
    `median of ${ROUNDS} rounds of ${total} calls in turn (ratios ${ratios}), after ${warmUp} warm-up calls each, over ${mix.calls.length} kinds (${[...new Set(mix.calls.map((c) => c.name))].join(', ')}); ${upstream} upstream requests`,
  ];
  // Server CPU per call is steadier than calls/s when other jobs share the cores (the client runs in this process).
  if (cpuPerCall !== undefined && baseCpuPerCall !== undefined) notes.push(`server CPU per call ${cpuPerCall.toFixed(3)} ms vs ${baseCpuPerCall.toFixed(3)} ms for echo (${(cpuPerCall / baseCpuPerCall).toFixed(2)}x)`);
  if (mix.dropped.length) notes.push(`dropped from the mix: ${mix.dropped.join('; ')}`);
  return [
    {
      section: 'throughput',
      metric: `mixed cached calls, concurrency ${CONCURRENCY}`,
      value: median(ourRounds.map((r) => r.callsPerSecond)),
      unit: 'calls/s',
      baseline: median(echoRounds.map((r) => r.callsPerSecond)),
      baselineLabel: 'bare echo tool',
      target: '>= 0.7x',
      met: median(ourRounds.map((r) => r.callsPerSecond)) >= 0.7 * median(echoRounds.map((r) => r.callsPerSecond)),
      note: notes.join('; '),
    },
  ];
}
