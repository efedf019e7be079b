/**
 * Two team servers (as two `serve --http` replicas) on one real Redis and one sandbox, behind a
 * round-robin proxy written here: a session opened through one replica works through the other,
 * the rate limit is per key across the fleet (exact message and Retry-After), a replica answers
 * from the cache the other filled, an elicitation answer reaching the other replica is relayed to the
 * one that asked, and /readyz + /metrics report Redis. Then, on a redis-server this
 * test owns: killed under load and started again (the degraded behaviour of docs/SCALING.md).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@keyv/redis';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { describeWithRedis, freePort, killProcess, redisUrl, startRedisServer } from '../helpers/services.js';
import { connectClient, INIT, post, roundRobin, startTestServer, type TestServer } from './helpers.js';

async function redisReady(server: TestServer): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const ready = (await (await fetch(`${server.origin}/readyz`)).json()) as { redis: string };
    if (ready.redis === 'ok') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('replica never connected to Redis');
}

describeWithRedis('two team-server replicas sharing Redis', () => {
  const prefix = `fleet-${randomBytes(6).toString('hex')}`;
  let sandbox: SandboxHandle;
  let a: TestServer;
  let b: TestServer;
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  let key: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const env = { REDIS_URL: redisUrl()!, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '5', TESTIO_WRITE_TOOLS: 'true' };
    a = await startTestServer({ env, sandbox });
    b = await startTestServer({ env: { ...env, TESTIO_MCP_KEYS_FILE: a.config.keysFile }, sandbox });
    key = a.keys.add({ user: 'alice' }).key;
    await Promise.all([redisReady(a), redisReady(b)]);
    proxy = await roundRobin([a.url, b.url]);
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all([a?.close(), b?.close()]);
    await sandbox?.close();
  });

  it('accepts on replica B the session opened on replica A, and answers from the cache A filled', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const opened = await post(a.url, INIT, auth);
    const session = opened.headers.get('mcp-session-id')!;
    expect(session).toBeTruthy();
    const onB = await post(b.url, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_test_status', arguments: { test_id: 109363 } } }, { ...auth, 'mcp-session-id': session });
    expect(onB.status).toBe(200);
    expect(onB.json.result.isError).toBeFalsy();
    const served = sandbox.stats().requests;
    const onA = await post(a.url, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'get_test_status', arguments: { test_id: 109363 } } }, { ...auth, 'mcp-session-id': session });
    expect(onA.json.result.structuredContent).toEqual(onB.json.result.structuredContent);
    expect(sandbox.stats().requests).toBe(served);

    // Another key's use of that session id is refused on both replicas, as on one.
    const other = a.keys.add({ user: 'bob' }).key;
    for (const replica of [a, b]) expect((await post(replica.url, { jsonrpc: '2.0', id: 4, method: 'tools/list' }, { authorization: `Bearer ${other}`, 'mcp-session-id': session })).status).toBe(404);
  });

  it('relays an elicitation answer that reached the other replica to the one whose call asked', async () => {
    const bug = sandbox.data.bugs.find((b) => b.status === 'forwarded')!;
    const transport = new StreamableHTTPClientTransport(new URL(proxy.url), { requestInit: { headers: { authorization: `Bearer ${a.keys.add({ user: 'eli' }).key}` } } });
    const client = new Client({ name: 'fleet-elicit', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    let asked = 0;
    client.setRequestHandler(ElicitRequestSchema, () => {
      asked += 1;
      return { action: 'accept', content: { confirm: true } };
    });
    const before = [...proxy.hits];
    await client.connect(transport);
    try {
      const result = await client.callTool({ name: 'accept_bug', arguments: { bug_id: bug.id } });
      expect(result.structuredContent).toMatchObject({ status: 'applied', results: [{ ok: true, bug: { status: 'accepted' } }] });
      expect(asked).toBe(1);
      // The call and its answer are consecutive requests: the alternating proxy sent them to different replicas.
      expect(proxy.hits.every((n, i) => n > before[i]!)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('accepts a Redis record only under the id it names, for the key it names', async () => {
    const alice = a.keys.add({ user: 'alice2' });
    const redis = createClient({ url: redisUrl()! });
    await redis.connect();
    try {
      const forged = (id: string, keyId: string) => JSON.stringify({ id, keyId, expiresAt: Date.now() + 60_000 });
      await redis.set(`${prefix}:session:planted`, forged('another-id', alice.record.id), { PX: 60_000 });
      await redis.set(`${prefix}:session:good`, forged('good', alice.record.id), { PX: 60_000 });
      const list = (session: string) => post(b.url, { jsonrpc: '2.0', id: 5, method: 'tools/list' }, { authorization: `Bearer ${alice.key}`, 'mcp-session-id': session });
      expect((await list('planted')).status).toBe(404);
      expect((await list('good')).status).toBe(200);
    } finally {
      await redis.close();
    }
  });

  it('holds the limit per key across the fleet: the 6th request of a minute is refused whichever replica answers', async () => {
    const limited = a.keys.add({ user: 'carol' }).key;
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 7; i++) {
      const answer = await post(proxy.url, INIT, { authorization: `Bearer ${limited}` });
      statuses.push(answer.status);
      if (answer.status === 429) refusal ??= answer;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(proxy.hits[0]).toBeGreaterThan(0);
    expect(proxy.hits[1]).toBeGreaterThan(0);
    const retry = Number(refusal!.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refusal!.json.error).toEqual({ code: -32602, message: `Rate limit exceeded: 5 requests per minute. Retry in ${retry} s.` });
  });

  it('honours on replica B a continuation token replica A issued (both sign with the secret beside the shared keys file)', async () => {
    const onA = (await connectClient(a.url, { authorization: `Bearer ${a.keys.add({ user: 'erin' }).key}` })).client;
    const onB = (await connectClient(b.url, { authorization: `Bearer ${a.keys.add({ user: 'frank' }).key}` })).client;
    try {
      const first = (await onA.callTool({ name: 'get_test_bugs', arguments: { test_id: 109363, page_size: 2 } })).structuredContent as { bugs: Array<{ id: number }>; continuation_token?: string };
      expect(first.continuation_token).toBeTruthy();
      const second = await onB.callTool({ name: 'get_test_bugs', arguments: { test_id: 109363, page_size: 2, continuation_token: first.continuation_token } });
      expect(second.isError).toBeFalsy();
      const ids = (second.structuredContent as { bugs: Array<{ id: number }> }).bugs.map((bug) => bug.id);
      expect(ids).toHaveLength(2);
      expect(ids.filter((id) => first.bugs.some((bug) => bug.id === id))).toEqual([]);
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });

  it('serves an SDK client through the alternating proxy, and reports Redis on /readyz and /metrics', async () => {
    const { client } = await connectClient(proxy.url, { authorization: `Bearer ${a.keys.add({ user: 'dave' }).key}` });
    const result = await client.callTool({ name: 'get_test_status', arguments: { test_id: 109364 } });
    expect(result.isError).toBeFalsy();
    await client.close();
    expect(await (await fetch(`${b.origin}/readyz`)).json()).toEqual({ status: 'ready', redis: 'ok' });
    expect(await (await fetch(`${a.origin}/metrics`)).text()).toMatch(/^testio_mcp_redis_up 1$/m);
  });
});

describeWithRedis('the replicas while their Redis is stopped and started again', () => {
  let sandbox: SandboxHandle;
  let redis: ChildProcess;
  let port: number;
  let dir: string;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'testio-mcp-redis-'));
    port = await freePort();
    redis = await startRedisServer(port, dir);
    sandbox = await startSandbox();
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: 'outage', RATE_LIMIT_PER_MINUTE: '1000' };
    a = await startTestServer({ env, sandbox });
    b = await startTestServer({ env: { ...env, TESTIO_MCP_KEYS_FILE: a.config.keysFile }, sandbox });
    await Promise.all([redisReady(a), redisReady(b)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await sandbox?.close();
    if (redis) await killProcess(redis);
  });

  it('keeps serving verified sessions, refuses unverifiable ones with 503, says degraded, and shares again after', async () => {
    const erin = a.keys.add({ user: 'erin' });
    const auth = { authorization: `Bearer ${erin.key}` };
    const session = (await post(a.url, INIT, auth)).headers.get('mcp-session-id')!;
    const call = (replica: TestServer, id: number, sessionId = session) =>
      post(replica.url, { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'get_test_status', arguments: { test_id: 109363 } } }, { ...auth, 'mcp-session-id': sessionId });
    expect((await call(b, 2)).status).toBe(200);
    const unseenByB = (await post(a.url, INIT, auth)).headers.get('mcp-session-id')!;

    await killProcess(redis);
    // Under load during the outage: every good call on a session the replica verified answers.
    const during = await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? a : b, 10 + i)));
    expect(during.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(during.every((answer) => !answer.json.result.isError)).toBe(true);
    expect(await (await fetch(`${a.origin}/readyz`)).json()).toEqual({ status: 'degraded', redis: 'degraded' });
    expect(await (await fetch(`${a.origin}/metrics`)).text()).toMatch(/^testio_mcp_redis_up 0$/m);

    const refused = await post(a.url, INIT, auth);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.json.error.message).toBe('Service unavailable: sessions cannot be verified while Redis is unreachable. Retry in a few seconds.');
    // B never saw this session: it cannot vouch for it, so it neither accepts nor calls it expired.
    expect((await call(b, 30, unseenByB)).status).toBe(503);

    redis = await startRedisServer(port, dir);
    await Promise.all([redisReady(a), redisReady(b)]);
    expect((await call(b, 31, unseenByB)).status).toBe(200);
    const fresh = (await post(b.url, INIT, auth)).headers.get('mcp-session-id')!;
    expect((await call(a, 32, fresh)).status).toBe(200);
    expect(await (await fetch(`${b.origin}/readyz`)).json()).toEqual({ status: 'ready', redis: 'ok' });
    // The limit counts in Redis again (the outage's per-replica counts were not replayed into it).
    const probe = createClient({ url: `redis://127.0.0.1:${port}` });
    await probe.connect();
    try {
      expect(Number(await probe.get(`outage:rate:key:${erin.record.id}`))).toBeGreaterThan(0);
    } finally {
      await probe.close();
    }
  });
});
