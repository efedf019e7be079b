/**
 * The team server over real sockets: SDK Client over Streamable HTTP, keys, sessions, per-key
 * tools, per-request TestIO tokens, rate limits, hygiene and operations endpoints.
 */
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, INIT, post, startTestServer, type TestServer } from './helpers.js';

const FIXTURE_PLUGINS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/plugins');
const PLUGINS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../plugins');

const textOf = (result: object) => (((result as { content?: Array<{ text?: string }> }).content ?? [])[0]?.text ?? '');

describe('team server without keys (loopback)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ pluginDirs: [PLUGINS, FIXTURE_PLUGINS] });
  });
  afterAll(() => server.close());

  it('serves every tool over Streamable HTTP with the SDK client, and the session id comes back', async () => {
    const { client, transport } = await connectClient(server.url);
    expect(transport.sessionId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_test_status', 'list_products', 'list-test-definitions', 'slow']));
    const status = await client.callTool({ name: 'get_test_status', arguments: { test_id: 109363 } });
    expect(status.isError).toBeFalsy();
    expect(JSON.stringify(status.structuredContent)).toContain('109363');
    const products = await client.callTool({ name: 'list_products', arguments: {} });
    expect(textOf(products)).toContain('25073');
    const defs = await client.callTool({ name: 'list-test-definitions', arguments: {} });
    expect(defs.isError).toBeFalsy();
    await client.close();
  });

  it('streams progress over SSE and cancels a call sent in another POST', async () => {
    const { client } = await connectClient(server.url);
    const progress: number[] = [];
    const result = await client.callTool({ name: 'slow', arguments: { ms: 250 } }, CallToolResultSchema, { onprogress: (p) => void progress.push(p.progress) });
    expect(textOf(result)).toBe('waited 250 ms');
    expect(progress).toEqual([1, 2, 3, 4, 5]);

    const controller = new AbortController();
    const before = server.app.registry.inFlight();
    const call = client.callTool({ name: 'slow', arguments: { ms: 20_000 } }, CallToolResultSchema, { signal: controller.signal });
    while (server.app.registry.inFlight() === before) await sleep(20);
    controller.abort('user cancelled');
    await expect(call).rejects.toThrow();
    // The cancellation reached the running handler: the call ends long before its 20 s.
    while (server.app.registry.inFlight() > before) await sleep(20);
    await client.close();
  });

  it('answers plain JSON to a client that accepts only JSON; unknown or missing session ids are refused', async () => {
    const init = await post(server.url, INIT);
    expect(init.status).toBe(200);
    const sessionId = init.headers.get('mcp-session-id')!;
    expect(init.json.result.serverInfo.name).toBe('testio-mcp');
    const list = await post(server.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': sessionId });
    expect(list.status).toBe(200);
    expect(list.json.result.tools.length).toBeGreaterThan(5);

    const unknown = await post(server.url, { jsonrpc: '2.0', id: 3, method: 'tools/list' }, { 'mcp-session-id': 'not-a-session' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toEqual({ code: -32602, message: 'Unauthorized: Session expired', data: { reason: 'session_expired', note: 'Session expired after 24 hours. Please reconnect.' } });
    const missing = await post(server.url, { jsonrpc: '2.0', id: 4, method: 'tools/list' });
    expect(missing.status).toBe(400);
  });

  it('refuses a foreign Origin and Host (403), an oversized body (413), an unsupported protocol version (400), and 404s OAuth discovery', async () => {
    expect((await post(server.url, INIT, { origin: 'https://evil.example' })).status).toBe(403);
    // A DNS-rebinding page reaches the loopback port under its own host name.
    const badHost = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(server.url, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json', accept: 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end(JSON.stringify(INIT));
    });
    expect(badHost).toBe(403);
    const init = await post(server.url, INIT);
    const sessionId = init.headers.get('mcp-session-id')!;
    const huge = { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'list_products', arguments: { pad: 'x'.repeat(4 * 1024 * 1024 + 10) } } };
    const tooLarge = await post(server.url, huge, { 'mcp-session-id': sessionId });
    expect(tooLarge.status).toBe(413);
    const version = await post(server.url, { jsonrpc: '2.0', id: 6, method: 'tools/list' }, { 'mcp-session-id': sessionId, 'mcp-protocol-version': '1999-01-01' });
    expect(version.status).toBe(400);
    const oauth = await fetch(`${server.origin}/.well-known/oauth-authorization-server`);
    expect(oauth.status).toBe(404);
    expect(await oauth.text()).toBe('Not found');
  });

  it('serves /healthz, /readyz and Prometheus /metrics with tool calls by tool and outcome', async () => {
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.origin}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.origin}/metrics`)).text();
    expect(metrics).toMatch(/testio_mcp_tool_calls_total\{tool="get_test_status",outcome="ok"\} [1-9]/);
    expect(metrics).toContain('testio_mcp_tool_call_duration_seconds_bucket');
    expect(metrics).toMatch(/testio_mcp_http_requests_total\{route="\/mcp",status="200"\} [1-9]/);
    // get_test_status was called twice or more for test 109363 before: the later calls hit the cache.
    expect(Number(/^testio_mcp_upstream_requests (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(Number(/^testio_mcp_cache_misses (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/^testio_mcp_cache_hits \d+/m);
  });
});

describe('team server with keys', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { MCP_SESSION_TTL_SECONDS: '2', RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => server.close());

  it('needs a valid, unrevoked key on every request, with the exact messages', async () => {
    const { key, record } = server.keys.add({ user: 'alice' });
    const missing = await post(server.url, INIT);
    expect(missing.status).toBe(401);
    expect(missing.json.error).toEqual({ code: -32602, message: 'Unauthorized: API key required' });
    const invalid = await post(server.url, INIT, { authorization: 'Bearer tmcp_not-a-key' });
    expect(invalid.status).toBe(401);
    expect(invalid.json.error).toEqual({ code: -32602, message: 'Unauthorized: Invalid API key' });
    expect((await post(server.url, INIT, { 'x-api-key': key })).status).toBe(200);

    const { client } = await connectClient(server.url, { authorization: `Bearer ${key}` });
    expect((await client.listTools()).tools.length).toBeGreaterThan(5);
    server.keys.revoke(record.id);
    // The session does not stand in for the key: the next request is refused.
    await expect(client.listTools()).rejects.toThrow(/401|Invalid API key/);
    await client.close().catch(() => undefined);
    expect(JSON.stringify(server.keys.list())).not.toContain(key);
  });

  it('binds a session to its key and expires it after the TTL', async () => {
    const a = server.keys.add({ user: 'amy' }).key;
    const b = server.keys.add({ user: 'bob' }).key;
    const init = await post(server.url, INIT, { authorization: `Bearer ${a}` });
    const sessionId = init.headers.get('mcp-session-id')!;
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    expect((await post(server.url, list, { authorization: `Bearer ${a}`, 'mcp-session-id': sessionId })).status).toBe(200);
    const foreign = await post(server.url, list, { authorization: `Bearer ${b}`, 'mcp-session-id': sessionId });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.message).toBe('Unauthorized: Session expired');
    await sleep(2_100);
    const expired = await post(server.url, list, { authorization: `Bearer ${a}`, 'mcp-session-id': sessionId });
    expect(expired.status).toBe(404);
    expect(expired.json.error).toEqual({ code: -32602, message: 'Unauthorized: Session expired', data: { reason: 'session_expired', note: 'Session expired after 2 seconds. Please reconnect.' } });
  });

  it('narrows a key to its --tools: listed alone, others refused as unknown', async () => {
    const { key } = server.keys.add({ user: 'carol', tools: ['get_test_status', 'list_products'] });
    const { client } = await connectClient(server.url, { 'x-api-key': key });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['get_test_status', 'list_products']);
    const refused = await client.callTool({ name: 'list_tests', arguments: { product_id: 25073 } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/Unknown tool "list_tests"/);
    await client.close();
  });

  it('narrows a key to its --toolsets inside what the server serves: listed alone, others refused as unknown', async () => {
    const served = server.app.tools.map((t) => t.name);
    const testr = server.app.tools.filter((t) => t.toolset === 'testr').map((t) => t.name).sort();
    expect(testr.length).toBeGreaterThan(2);
    const { key } = server.keys.add({ user: 'tess', toolsets: ['testr'] });
    const { client } = await connectClient(server.url, { 'x-api-key': key });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(testr);
    const refused = await client.callTool({ name: 'get_test_status', arguments: { test_id: 109363 } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/Unknown tool "get_test_status"/);
    expect((await client.callTool({ name: 'list-test-definitions', arguments: {} })).isError).toBeFalsy();
    await client.close();

    // --tools and --toolsets together: the tools in both. A toolset the server does not serve adds nothing.
    const both = server.keys.add({ user: 'tim', toolsets: ['testio', 'testio-write'], tools: ['get_test_status', 'list-test-definitions'] }).key;
    const c2 = await connectClient(server.url, { 'x-api-key': both });
    expect((await c2.client.listTools()).tools.map((t) => t.name)).toEqual(['get_test_status']);
    expect(served).not.toContain('accept_bug');
    await c2.client.close();
    // A toolset this server does not know (a key file from another installation) gives nothing, never everything.
    const stray = server.keys.add({ user: 'tom', toolsets: ['no-such-set'] }).key;
    const c3 = await connectClient(server.url, { 'x-api-key': stray });
    expect((await c3.client.listTools()).tools).toEqual([]);
    await c3.client.close();
  });

  it('uses each request\'s TestIO token: a tenant with a bad token never gets the other tenant\'s cached answer', async () => {
    const good = server.keys.add({ user: 'dave' }).key;
    const other = server.keys.add({ user: 'erin', testioToken: 'sbx_wrong-token-of-another-tenant' }).key;
    const [a, b] = await Promise.all([connectClient(server.url, { 'x-api-key': good }), connectClient(server.url, { 'x-api-key': other })]);
    const rounds = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).client.callTool({ name: 'get_test_status', arguments: { test_id: 109363 } })),
    );
    rounds.forEach((result, i) => {
      if (i % 2 === 0) expect(result.isError).toBeFalsy();
      else {
        expect(result.isError).toBe(true);
        expect(textOf(result)).not.toContain('sbx_wrong');
      }
    });
    // The header wins over the key's token.
    const c = await connectClient(server.url, { 'x-api-key': other, 'x-testio-token': server.sandbox.token });
    expect((await c.client.callTool({ name: 'get_test_status', arguments: { test_id: 109363 } })).isError).toBeFalsy();
    await Promise.all([a.client.close(), b.client.close(), c.client.close()]);
  });
});

describe('rate limit', () => {
  it.each([[5], [100]])('refuses request %i+1 in a minute with 429, Retry-After and the exact message', async (limit) => {
    const server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: String(limit) } });
    try {
      const { key } = server.keys.add({ user: 'frank' });
      const headers = { 'x-api-key': key };
      const init = await post(server.url, INIT, headers);
      const session = { ...headers, 'mcp-session-id': init.headers.get('mcp-session-id')! };
      for (let i = 1; i < limit; i++) expect((await post(server.url, { jsonrpc: '2.0', id: i + 1, method: 'ping' }, session)).status).toBe(200);
      const refused = await post(server.url, { jsonrpc: '2.0', id: 999, method: 'ping' }, session);
      expect(refused.status).toBe(429);
      const retry = Number(refused.headers.get('retry-after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(refused.json.error).toEqual({ code: -32602, message: `Rate limit exceeded: ${limit} requests per minute. Retry in ${retry} s.` });
      // Another key has its own budget.
      expect((await post(server.url, INIT, { 'x-api-key': server.keys.add({ user: 'gina' }).key })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
