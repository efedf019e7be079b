/**
 * Confirmation tokens shared by replicas on Redis: a token one replica issued is redeemed on the
 * other, once (Redis's atomic delete decides), through real clients against one sandbox.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { describeWithRedis, redisUrl } from '../helpers/services.js';

interface RedisView {
  client(): Promise<unknown>;
  status(): string;
}

async function connected(h: Harness): Promise<void> {
  const redis = ((await h.context()) as unknown as { sharedRedis: RedisView }).sharedRedis;
  await redis.client();
  for (let i = 0; i < 400 && redis.status() !== 'ok'; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(redis.status()).toBe('ok');
}

type Answer = { status: string; confirmation?: string };

describeWithRedis('confirmation tokens on Redis', () => {
  const prefix = `cfm-write-${randomBytes(6).toString('hex')}`;
  let sandbox: SandboxHandle;
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const env = { REDIS_URL: redisUrl()!, REDIS_KEY_PREFIX: prefix, TESTIO_WRITE_TOOLS: 'true' };
    a = await startHarness({ sharedSandbox: sandbox, env });
    b = await startHarness({ sharedSandbox: sandbox, env });
    await Promise.all([connected(a), connected(b)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await sandbox?.close();
  });

  it('is issued by one replica, redeemed on the other, and then refused on both', async () => {
    const bug = sandbox.data.bugs.find((x) => x.status === 'forwarded')!;
    const preview = (await a.call('mark_bug_known', { bug_id: bug.id })).structuredContent as Answer;
    expect(preview.status).toBe('confirmation_required');
    const applied = await b.call('mark_bug_known', { bug_id: bug.id, confirmation: preview.confirmation });
    expect((applied.structuredContent as Answer).status).toBe('applied');
    expect(sandbox.data.bugs.find((x) => x.id === bug.id)!.known).toBe(true);
    for (const replica of [a, b]) {
      const again = await replica.call('mark_bug_known', { bug_id: bug.id, confirmation: preview.confirmation });
      expect(again.isError).toBe(true);
      expect(replica.text(again)).toMatch(/unknown or was already used/);
    }
  });
});
