/**
 * Two built `serve --http` replicas (child processes, REDIS_URL on a real Redis): `kill -9` of the
 * replica serving a call in flight; the other keeps serving the session it opened, because
 * sessions live in Redis, not in the process that died.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KeyStore } from '../../src/http/keys/key-store.js';
import { assertBuilt, childEnv, ROOT } from '../helpers/stdio.js';
import { describeWithRedis, redisUrl } from '../helpers/services.js';
import { INIT, post, startServe } from './helpers.js';

const FIXTURE_PLUGINS = path.join(ROOT, 'test', 'fixtures', 'plugins');

async function redisReady(url: string): Promise<void> {
  const readyz = url.replace(/\/mcp$/, '/readyz');
  for (let i = 0; i < 400; i++) {
    if (((await (await fetch(readyz)).json()) as { redis: string }).redis === 'ok') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('replica never connected to Redis');
}

describeWithRedis('serve --http replicas on Redis, one killed mid-call', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  it('keeps serving the session on the surviving replica', async () => {
    assertBuilt();
    const dir = mkdtempSync(path.join(tmpdir(), 'testio-mcp-fleet-'));
    const keysFile = path.join(dir, 'keys.json');
    const key = new KeyStore(keysFile).add({ user: 'alice' }).key;
    const env = (name: string) => ({
      ...childEnv(),
      REDIS_URL: redisUrl()!,
      REDIS_KEY_PREFIX: `fleet-proc-${randomBytes(6).toString('hex')}`,
      TESTIO_MCP_KEYS_FILE: keysFile,
      TESTR_DATA_DIR: path.join(dir, name),
      PLUGIN_DIRS: FIXTURE_PLUGINS,
    });
    const shared = env('a');
    const a = startServe(shared);
    const b = startServe({ ...shared, TESTR_DATA_DIR: path.join(dir, 'b') });
    children.push(a.child, b.child);
    const [urlA, urlB] = await Promise.all([a.url, b.url]);
    await Promise.all([redisReady(urlA), redisReady(urlB)]);

    const auth = { authorization: `Bearer ${key}` };
    const session = (await post(urlA, INIT, auth)).headers.get('mcp-session-id')!;
    const headers = { ...auth, 'mcp-session-id': session };
    const inFlight = post(urlA, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'slow', arguments: { ms: 10_000 } } }, headers);
    await new Promise((resolve) => setTimeout(resolve, 300));
    a.child.kill('SIGKILL');
    await expect(inFlight).rejects.toThrow();

    const onB = await post(urlB, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'get_test_status', arguments: { test_id: 109363 } } }, headers);
    expect(onB.status).toBe(200);
    expect(onB.json.result.isError).toBeFalsy();
    const slowOnB = await post(urlB, { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'slow', arguments: { ms: 10 } } }, headers);
    expect(slowOnB.json.result.content[0].text).toBe('waited 10 ms');
  });
});
