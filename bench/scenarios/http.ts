/**
 * Team server over Streamable HTTP: a cached get_test_status round trip against a bare SDK HTTP
 * server's echo tool (both with the SDK Client, sequential), and calls per second with 32 sessions
 * calling at once. Both servers run in the bench process, so the client's CPU weighs on both alike.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startHttpEchoServer, startHttpTeamServer, type HttpBenchServer } from '../lib/http-servers.js';
import type { Row } from '../lib/report.js';
import { requestsServed, type SandboxHandle } from '../lib/sandbox.js';
import { median } from '../lib/stats.js';
import { CACHED_TEST_ID } from './cached-call.js';

const SESSIONS = 32;

async function connect(server: HttpBenchServer): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  return client;
}

type Call = (client: Client) => Promise<void>;

const call =
  (name: string, args: Record<string, unknown>): Call =>
  async (client) => {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  };

async function sequential(server: HttpBenchServer, run: Call, count: number): Promise<number> {
  const client = await connect(server);
  for (let i = 0; i < 20; i++) await run(client);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(client);
    samples.push(performance.now() - started);
  }
  await client.close();
  return median(samples);
}

async function concurrent(server: HttpBenchServer, run: Call, total: number): Promise<number> {
  const clients = await Promise.all(Array.from({ length: SESSIONS }, () => connect(server)));
  await Promise.all(clients.map((client) => run(client)));
  const perClient = Math.ceil(total / SESSIONS);
  const started = performance.now();
  await Promise.all(clients.map(async (client) => {
    for (let i = 0; i < perClient; i++) await run(client);
  }));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((client) => client.close()));
  return (perClient * SESSIONS) / seconds;
}

export async function httpServer(sandbox: SandboxHandle, count: number): Promise<Row[]> {
  const [team, echo] = await Promise.all([startHttpTeamServer(sandbox), startHttpEchoServer()]);
  try {
    const status = call('get_test_status', { test_id: CACHED_TEST_ID });
    const hello = call('echo', { message: 'hello' });
    const echoMs = await sequential(echo, hello, count);
    const before = requestsServed(sandbox);
    const statusMs = await sequential(team, status, count);
    const upstream = requestsServed(sandbox) - before;
    const echoRate = await concurrent(echo, hello, count * 4);
    const statusRate = await concurrent(team, status, count * 4);
    return [
      {
        section: 'team server (HTTP)',
        metric: `cached get_test_status round trip (median of ${count})`,
        value: statusMs,
        unit: 'ms',
        baseline: echoMs,
        baselineLabel: 'bare SDK HTTP echo tool',
        target: '<= 1.5x',
        met: statusMs <= echoMs * 1.5,
        note: `${upstream} upstream requests in all (the first call fills the cache); keys off, session checked and rate limit counted on every request`,
      },
      {
        section: 'team server (HTTP)',
        metric: `calls/s, ${SESSIONS} concurrent sessions`,
        value: statusRate,
        unit: 'calls/s',
        baseline: echoRate,
        baselineLabel: 'bare SDK HTTP echo tool',
      },
    ];
  } finally {
    await Promise.all([team.close(), echo.close()]);
  }
}
