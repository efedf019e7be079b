/**
 * `node dist/bench/steady-state.js [other-checkout ...]`: server CPU per call and calls/s of the
 * mixed cached workload at concurrency 8 in steady state, for this build, any other built
 * checkouts given (say a copy of main before a change), and the bare echo server, taken in turn
 * over several rounds so that a load spike hits every server alike. `RAW=1` drives the servers
 * with the minimal JSON-RPC client instead of the SDK Client; ROUNDS, CALLS and WARM_UP override
 * the defaults (7, 3,000 and 4,000). The call-path figures of docs/PERFORMANCE.md come from it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cpuMs, cpuSettled } from './lib/cpu.js';
import { MIXED_CALLS, type ToolCall } from './lib/mix.js';
import { RawClient } from './lib/raw-client.js';
import { startBenchSandbox } from './lib/sandbox.js';
import { ROOT } from './lib/servers.js';
import { median, runConcurrent } from './lib/stats.js';

const CONCURRENCY = 8;
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = number('ROUNDS', 7);
const CALLS = number('CALLS', 3_000);
const WARM_UP = number('WARM_UP', 4_000);

interface Driven {
  label: string;
  pid: number;
  calls: ToolCall[];
  call(call: ToolCall): Promise<unknown>;
}

async function start(label: string, script: string, env: Record<string, string>, calls: ToolCall[]): Promise<Driven> {
  if (process.env.RAW === '1') {
    const raw = RawClient.spawn(process.execPath, [script], env);
    await raw.initialize();
    await raw.request('tools/list');
    return { label, pid: raw.child.pid ?? -1, calls, call: (c) => raw.request('tools/call', { name: c.name, arguments: c.args }) };
  }
  const transport = new StdioClientTransport({ command: process.execPath, args: [script], env, cwd: '/', stderr: 'ignore' });
  const client = new Client({ name: 'steady-state', version: '0.0.0' });
  await client.connect(transport);
  await client.listTools();
  return { label, pid: transport.pid ?? -1, calls, call: (c) => client.callTool({ name: c.name, arguments: c.args }) };
}

const sandbox = await startBenchSandbox();
const env = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: tmpdir(),
  TESTR_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'testio-steady-')),
  LOG_LEVEL: 'WARNING',
  TESTIO_CUSTOMER_API_BASE_URL: sandbox.baseUrl,
  TESTIO_CUSTOMER_API_TOKEN: sandbox.token,
});
const checkouts = [ROOT, ...process.argv.slice(2).map((dir) => path.resolve(dir))];
const servers: Driven[] = [];
for (const root of checkouts) servers.push(await start(path.basename(root), path.join(root, 'dist', 'src', 'cli', 'main.js'), env(), MIXED_CALLS));
servers.push(await start('echo', path.join(ROOT, 'dist', 'bench', 'baseline-server.js'), env(), [{ name: 'echo', args: { message: 'hello' } }]));

const drive = (server: Driven, count: number) => runConcurrent(count, CONCURRENCY, async (i) => void (await server.call(server.calls[i % server.calls.length])));
for (const server of servers) await drive(server, WARM_UP);
const rounds = new Map(servers.map((s) => [s.label, { cpu: [] as number[], rate: [] as number[] }]));
for (let r = 0; r < ROUNDS; r++) {
  for (const server of servers) {
    await cpuSettled(server.pid, 2_000);
    const cpuBefore = cpuMs(server.pid) ?? NaN;
    const ms = await drive(server, CALLS);
    rounds.get(server.label)!.cpu.push(((cpuMs(server.pid) ?? NaN) - cpuBefore) / CALLS);
    rounds.get(server.label)!.rate.push((CALLS / ms) * 1000);
  }
}
const echo = rounds.get('echo')!;
console.log(`${process.env.RAW === '1' ? 'raw JSON-RPC' : 'SDK'} client, ${ROUNDS} rounds of ${CALLS} calls in turn after ${WARM_UP} warm-up calls, concurrency ${CONCURRENCY}:`);
for (const [label, r] of rounds) {
  const cpu = median(r.cpu);
  const rate = median(r.rate);
  console.log(`  ${label.padEnd(16)} server CPU ${cpu.toFixed(3)} ms/call (${(cpu / median(echo.cpu)).toFixed(2)}x echo)   ${rate.toFixed(0)} calls/s (${(rate / median(echo.rate)).toFixed(2)}x echo)`);
}
process.exit(0);
