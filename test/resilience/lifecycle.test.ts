/**
 * Lifecycle of the built CLI on stdio: SIGTERM, SIGINT and stdin EOF during in-flight calls exit 0
 * within 5 s; progress notifications arrive for a multi-test report; a cancelled call stops its
 * upstream work. Needs `npm run build` (npm test runs it first).
 */
import path from 'node:path';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { startChildServer, type ChildServer } from './support/child-server.js';

const TEST_TIMEOUT_MS = 30_000;
const FIXTURES = path.resolve('test/fixtures/plugins');
const EXIT_WITHIN_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lifecycle of the stdio server', () => {
  let sandbox: SandboxHandle;
  const servers: ChildServer[] = [];
  const apiEnv = () => ({ TESTIO_CUSTOMER_API_BASE_URL: sandbox.baseUrl, TESTIO_CUSTOMER_API_TOKEN: sandbox.token });
  const start = async (env: Record<string, string> = {}) => {
    const server = await startChildServer([], { ...apiEnv(), PLUGIN_DIRS: FIXTURES, LOG_LEVEL: 'WARNING', ...env });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  }, TEST_TIMEOUT_MS);
  afterEach(() => sandbox.setLatency(0));
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await sandbox?.close();
  }, TEST_TIMEOUT_MS);

  /** Two long calls, one short one confirmed running (progress), and one upstream call in flight. */
  async function busy(server: ChildServer): Promise<Promise<unknown>[]> {
    sandbox.setLatency(3_000);
    let progressed = false;
    const settle = (p: Promise<unknown>) => p.catch((error: Error) => error);
    const calls = [
      settle(server.client.callTool({ name: 'slow', arguments: { ms: 30_000 } })),
      settle(server.client.callTool({ name: 'slow', arguments: { ms: 30_000 } })),
      settle(server.client.callTool({ name: 'slow', arguments: { ms: 1_000 } }, undefined, { onprogress: () => (progressed = true) })),
      settle(server.client.callTool({ name: 'list_products', arguments: {} })),
    ];
    while (!progressed) await sleep(20);
    return calls;
  }

  it.each([
    ['SIGTERM', (s: ChildServer) => s.child.kill('SIGTERM')],
    ['SIGINT', (s: ChildServer) => s.child.kill('SIGINT')],
    ['stdin EOF', (s: ChildServer) => s.child.stdin.end()],
  ])('%s during in-flight calls exits 0 within 5 s', async (_what, end) => {
    const server = await start();
    const calls = await busy(server);
    const sent = performance.now();
    end(server);
    const exit = await Promise.race([server.exited, sleep(10_000).then(() => undefined)]);
    expect(exit).toBeDefined();
    expect({ code: exit!.code, signal: exit!.signal }).toEqual({ code: 0, signal: null });
    expect(exit!.at - sent).toBeLessThan(EXIT_WITHIN_MS);
    // Every in-flight call settles: a cancellation result or a closed connection, never a hang.
    await Promise.all(calls);
  }, TEST_TIMEOUT_MS);

  it('sends progress notifications for a multi-test report when asked', async () => {
    const server = await start();
    sandbox.setLatency(50);
    const progressToken = 'report-progress';
    const result = await server.client.request(
      { method: 'tools/call', params: { name: 'generate_status_report', arguments: { test_ids: [109363, 109364] }, _meta: { progressToken } } },
      CallToolResultSchema,
    );
    expect(result.isError).toBeFalsy();
    // Checked on the wire (see ChildServer.received): one step per test plus one for the bugs,
    // counting up to the total, every one of them written before the answer.
    const wire = server.received;
    const answerAt = wire.findIndex((m) => 'result' in m && Array.isArray((m.result as { content?: unknown }).content));
    const progress = wire
      .map((m, at) => ({ m, at }))
      .filter(({ m }) => 'method' in m && m.method === 'notifications/progress' && (m.params as { progressToken?: unknown }).progressToken === progressToken)
      .map(({ m, at }) => ({ at, ...((m as { params?: unknown }).params as { progress: number; total?: number; message?: string }) }));
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3]);
    expect(progress.every((p) => p.total === 3 && typeof p.message === 'string')).toBe(true);
    expect(answerAt).toBeGreaterThan(progress[progress.length - 1].at);
  }, TEST_TIMEOUT_MS);

  it('stops the upstream work of a cancelled call', async () => {
    // Few connections and slow answers make a 20-test report take seconds; cancel it early.
    const server = await start({ MAX_CONCURRENT_API_REQUESTS: '2' });
    const response = await fetch(`${sandbox.baseUrl}/products/25073/exploratory_tests`, { headers: { Authorization: `Token ${sandbox.token}` } });
    const testIds = ((await response.json()) as { exploratory_tests: Array<{ id: number }> }).exploratory_tests.slice(0, 20).map((t) => t.id);
    sandbox.setLatency(250);
    const before = sandbox.stats().requests;
    const controller = new AbortController();
    const pending = server.client
      .callTool({ name: 'generate_status_report', arguments: { test_ids: testIds } }, undefined, { signal: controller.signal })
      .catch((error: Error) => error);
    // Cancel once the report's work has reached the API (a fixed delay was too short on a busy machine).
    for (let waited = 0; sandbox.stats().requests === before && waited < 10_000; waited += 50) await sleep(50);
    await sleep(300);
    controller.abort('user cancelled');
    await pending;
    await sleep(600); // requests already on the wire land
    const atCancel = sandbox.stats().requests - before;
    await sleep(2_000);
    const later = sandbox.stats().requests - before;
    expect(atCancel).toBeGreaterThan(0);
    expect(later).toBe(atCancel);
    // The full report needs at least one request per test: the work really was cut short.
    expect(later).toBeLessThan(testIds.length);
    // And the server still answers.
    sandbox.setLatency(0);
    expect((await server.client.callTool({ name: 'slow', arguments: { ms: 10 } })).isError).toBeFalsy();
  }, TEST_TIMEOUT_MS);
});
