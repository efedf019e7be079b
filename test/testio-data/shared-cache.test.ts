/**
 * Two replicas (two apps, as two `serve` processes would be) on one real Redis and one sandbox:
 * an answer one fetched is a hit on the other (the sandbox sees no second request), clear_cache on
 * one clears it for both, deployments stay apart in Redis, and with Redis gone (a redis-server
 * this test owns, killed and started again) calls keep answering from the API and sharing resumes.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import type { CacheReport } from '../../src/testio/services/cache-service.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';
import { describeWithRedis, freePort, killProcess, redisUrl, startRedisServer } from '../helpers/services.js';

const structured = <T>(result: { structuredContent?: unknown }) => result.structuredContent as T;

interface RedisView {
  client(): Promise<unknown>;
  status(): string;
}
const sharedRedis = async (h: Harness) => ((await h.context()) as unknown as { sharedRedis: RedisView }).sharedRedis;

function replica(sandbox: SandboxHandle, url: string, prefix: string): Promise<Harness> {
  return startHarness({ sharedSandbox: sandbox, env: { REDIS_URL: url, REDIS_KEY_PREFIX: prefix } });
}

/** Waits until the replica's Redis connection is ready (it connects in the background). */
async function connected(h: Harness): Promise<void> {
  const redis = await sharedRedis(h);
  await redis.client();
  for (let i = 0; i < 400 && redis.status() !== 'ok'; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(redis.status()).toBe('ok');
}

/** A replica writes to Redis in the background, after it answered: waits until its entries stop arriving. */
async function sharedWritesSettled(h: Harness, prefix: string): Promise<void> {
  const client = (await (await sharedRedis(h)).client()) as { keys(pattern: string): Promise<string[]> };
  let last = -1;
  let steady = 0;
  for (let i = 0; i < 200 && steady < 3; i++) {
    const count = (await client.keys(`${prefix}*`)).length;
    steady = count > 0 && count === last ? steady + 1 : 0;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeWithRedis('the answer cache shared on Redis', () => {
  const sandbox = useSandbox();
  const prefix = `t-${randomBytes(6).toString('hex')}`;
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    a = await replica(sandbox(), redisUrl()!, prefix);
    b = await replica(sandbox(), redisUrl()!, prefix);
    await Promise.all([connected(a), connected(b)]);
  });
  afterAll(async () => {
    await a?.call('clear_cache');
    await Promise.all([a?.close(), b?.close()]);
  });

  it('serves on one replica what the other fetched, without asking the API again', async () => {
    const first = await a.call('get_test_status', { test_id: 109363 });
    expect(first.isError).toBeFalsy();
    const served = sandbox().stats().requests;
    expect(served).toBeGreaterThan(0);
    await sharedWritesSettled(a, prefix);

    const second = await b.call('get_test_status', { test_id: 109363 });
    expect(second.isError).toBeFalsy();
    expect(sandbox().stats().requests).toBe(served);
    expect(structured<object>(second)).toEqual(structured<object>(first));
    expect(structured<CacheReport>(await b.call('get_cache_stats')).overall.hits).toBeGreaterThan(0);
  });

  it('shares the batch path of a report too', async () => {
    await a.call('generate_status_report', { test_ids: [109363, 109364] });
    const served = sandbox().stats().requests;
    const report = await b.call('generate_status_report', { test_ids: [109363, 109364] });
    expect(report.isError).toBeFalsy();
    expect(sandbox().stats().requests).toBe(served);
  });

  it('clear_cache on one replica clears it for every replica', async () => {
    await a.call('get_test_status', { test_id: 109364 });
    await b.call('get_test_status', { test_id: 109364 });
    await a.call('clear_cache');
    // The announcement reaches b over pub/sub; give it a moment on a busy machine.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = sandbox().stats().requests;
    await b.call('get_test_status', { test_id: 109364 });
    expect(sandbox().stats().requests).toBeGreaterThan(before);
  });

  it('keeps deployments apart: another REDIS_KEY_PREFIX never sees the entries', async () => {
    await a.call('get_test_status', { test_id: 109363 });
    const other = await replica(sandbox(), redisUrl()!, `${prefix}-other`);
    try {
      await connected(other);
      const before = sandbox().stats().requests;
      await other.call('get_test_status', { test_id: 109363 });
      expect(sandbox().stats().requests).toBeGreaterThan(before);
    } finally {
      await other.close();
    }
  });
});

describeWithRedis('Redis going away and coming back', () => {
  const sandbox = useSandbox();
  let port: number;
  let redis: ChildProcess;
  let h: Harness;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    h = await replica(sandbox(), `redis://127.0.0.1:${port}`, 'outage');
    await connected(h);
  });
  afterAll(async () => {
    await h?.close();
    if (redis) await killProcess(redis);
  });

  it('answers from the API while Redis is down, says degraded, and shares again once it is back', async () => {
    expect((await h.call('get_test_status', { test_id: 109363 })).isError).toBeFalsy();
    await killProcess(redis);
    await h.call('clear_cache');

    const during = await h.call('get_test_status', { test_id: 109363 });
    expect(during.isError).toBeFalsy();
    expect((await sharedRedis(h)).status()).toBe('degraded');

    redis = await startRedisServer(port);
    await connected(h);
    await h.call('get_test_status', { test_id: 109364 });
    const fresh = await replica(sandbox(), `redis://127.0.0.1:${port}`, 'outage');
    try {
      await connected(fresh);
      const before = sandbox().stats().requests;
      expect((await fresh.call('get_test_status', { test_id: 109364 })).isError).toBeFalsy();
      // Shared again after the reconnect: the new replica is served from Redis, not the API.
      expect(sandbox().stats().requests).toBe(before);
    } finally {
      await fresh.close();
    }
  });
});
