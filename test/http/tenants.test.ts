/**
 * Two tenants (two keys, two TestIO tokens with different sandbox data) interleaved concurrently
 * against one team server and one sandbox: every answer comes from its own tenant's data.
 */
import { startSandbox, type SandboxData, type SandboxHandle } from '../../src/sandbox/index.js';
import { connectClient, startTestServer, type TestServer } from './helpers.js';

const SECOND_SEED = 7;
/** The start of test 109363's goal as get_test_status shows it (goal_text first). */
const goalOf = (data: SandboxData) => {
  const test = data.tests.find((t) => t.id === 109363)!;
  return (test.goal_text ?? test.goal).trim().slice(0, 100);
};
const testIds = (data: SandboxData) => new Set(data.tests.filter((t) => t.product.id === 25073).map((t) => t.id));

describe('two tenants on one team server', () => {
  let sandbox: SandboxHandle;
  let server: TestServer;
  beforeAll(async () => {
    sandbox = await startSandbox({ extraTenantSeeds: [SECOND_SEED] });
    server = await startTestServer({ sandbox });
  });
  afterAll(async () => {
    await server.close();
    await sandbox.close();
  });

  it('the sandbox holds a second token with different data, and the default token is unchanged', async () => {
    const second = sandbox.extraTenants[0]!;
    expect(second.token).not.toBe(sandbox.token);
    expect([...testIds(second.data)].sort()).not.toEqual([...testIds(sandbox.data)].sort());
    const answer = await fetch(`${sandbox.baseUrl}/products`, { headers: { authorization: `Token ${second.token}` } });
    expect(answer.status).toBe(200);
  });

  it('interleaved concurrent calls never answer from the other tenant', async () => {
    const second = sandbox.extraTenants[0]!;
    const keyA = server.keys.add({ user: 'ann', testioToken: sandbox.token }).key;
    const keyB = server.keys.add({ user: 'ben', testioToken: second.token }).key;
    const [a, b] = await Promise.all([connectClient(server.url, { 'x-api-key': keyA }), connectClient(server.url, { 'x-api-key': keyB })]);
    const calls = Array.from({ length: 12 }, (_, i) => ({ tenant: i % 2 === 0 ? 'a' : 'b', name: i % 4 < 2 ? 'list_tests' : 'get_test_status' }));
    const results = await Promise.all(
      calls.map((call) =>
        (call.tenant === 'a' ? a : b).client.callTool({ name: call.name, arguments: call.name === 'get_test_status' ? { test_id: 109363 } : { product_id: 25073 } }),
      ),
    );
    const expected = {
      a: { tests: testIds(sandbox.data), goal: goalOf(sandbox.data) },
      b: { tests: testIds(second.data), goal: goalOf(second.data) },
    };
    expect(expected.a.goal).not.toBe(expected.b.goal);
    results.forEach((result, i) => {
      const { tenant, name } = calls[i]!;
      const mine = expected[tenant as 'a' | 'b'];
      const theirs = expected[tenant === 'a' ? 'b' : 'a'];
      expect(result.isError).toBeFalsy();
      if (name === 'list_tests') {
        const ids = (result.structuredContent as { tests: Array<{ id: number }> }).tests.map((t) => t.id);
        expect(ids.length).toBeGreaterThan(10);
        expect(ids.filter((id) => !mine.tests.has(id))).toEqual([]);
        expect(ids.some((id) => !theirs.tests.has(id))).toBe(true);
      } else {
        const goal = (result.structuredContent as { test: { goal: string } }).test.goal.slice(0, 100);
        expect(goal).toBe(mine.goal);
        expect(goal).not.toBe(theirs.goal);
      }
    });
    await Promise.all([a.client.close(), b.client.close()]);
  });
});
