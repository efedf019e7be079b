/**
 * The HTTP client's limits against hostile or broken set-ups, each on a scripted loopback server:
 * a malformed token, a redirect to another origin, and answers far larger than any real one.
 */
import type { ServerResponse } from 'node:http';
import { TestioHttpClient } from '../../src/testio/data/http-client.js';
import { FAST_RETRY, json, makeConfig, rejection, startScripted, type Handler, type ScriptedServer } from './helpers.js';
import { createSilentLogger } from '../../src/platform/logger.js';

const servers: ScriptedServer[] = [];
const clients: TestioHttpClient[] = [];
const MB = 1024 * 1024;

async function setup(handler: Handler, overrides = {}) {
  const server = await startScripted(handler);
  servers.push(server);
  const client = new TestioHttpClient({ config: makeConfig({ baseUrl: server.baseUrl, ...overrides }), logger: createSilentLogger() }, FAST_RETRY);
  clients.push(client);
  return { server, client };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/**
 * Streams a valid JSON bug list of `totalBytes` from one reused 1 MB chunk (the server itself holds
 * 1 MB), honouring back-pressure and stopping as soon as the client hangs up.
 */
function streamBugs(res: ServerResponse, totalBytes: number, headers: Record<string, string> = {}): void {
  const bug = JSON.stringify({ id: 1, title: 'x'.repeat(200), severity: 'low', status: 'accepted' });
  const chunk = Buffer.from(`${bug},`.repeat(Math.floor(MB / (bug.length + 1))));
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.write('{"bugs":[');
  let sent = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  const pump = () => {
    while (!closed && sent < totalBytes) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!closed) res.end(`${bug}]}`);
  };
  pump();
}

describe('TestioHttpClient limits', () => {
  it.each([
    ['a line break', 'tok_abc\ndef_1234567890', /line break/],
    ['a non-Latin-1 character', 'tok_abc€def_1234567890', /non-ASCII/],
  ])('refuses a token with %s at once, without a request or a retry', async (_what, token, why) => {
    const { server, client } = await setup((_req, res) => json(res, 200, { products: [] }), { token });
    const error = await rejection(client.get('/products'));
    expect(error.toolErrorKind).toBe('configuration');
    expect(error.message).toMatch(/TESTIO_CUSTOMER_API_TOKEN is malformed/);
    expect(error.message).toMatch(why);
    expect(error.message).not.toMatch(/network|reach/i);
    expect(error.message).not.toContain(token);
    expect(server.hits()).toBe(0);
    expect(client.requestCount()).toBe(0);
  });

  it('says a redirect to another origin happened and names that origin, instead of "token rejected"', async () => {
    const elsewhere = await startScripted((req, res) => json(res, req.headers.authorization ? 200 : 401, { error: 'no token' }));
    servers.push(elsewhere);
    // Another port is another origin.
    const otherOrigin = new URL(elsewhere.baseUrl).origin;
    const { server, client } = await setup((req, res) => {
      res.writeHead(302, { location: `${otherOrigin}${req.url}` });
      res.end();
    });
    const error = await rejection(client.get('/products'));
    expect(error.toolErrorKind).not.toBe('auth');
    expect(error.message).toMatch(/redirected/);
    expect(error.message).toContain(otherOrigin);
    expect(error.message).toContain('TESTIO_CUSTOMER_API_BASE_URL');
    // Final: a wrong base URL does not get better by asking again.
    expect(server.hits()).toBe(1);
  });

  it('follows a redirect within the same origin as before', async () => {
    const { client } = await setup((req, res) => {
      if (req.url?.endsWith('/old')) {
        res.writeHead(301, { location: req.url.replace(/old$/, 'new') });
        return void res.end();
      }
      json(res, 200, { moved: true });
    });
    await expect(client.get('/old')).resolves.toEqual({ moved: true });
  });

  it('refuses an answer declared larger than MAX_RESPONSE_MB before reading it', async () => {
    const { server, client } = await setup((_req, res) => streamBugs(res, 64 * MB, { 'content-length': String(64 * MB) }), { maxResponseMb: 8 });
    const error = await rejection(client.get('/bugs'));
    expect(error.toolErrorKind).toBe('upstream');
    expect(error.message).toMatch(/answered GET \/bugs with more than 8 MB.*MAX_RESPONSE_MB/);
    expect(server.hits()).toBe(1);
  });

  it('stops reading a streamed answer past MAX_RESPONSE_MB, holding far less memory than the body', async () => {
    const bodyBytes = Number(process.env.HARDEN_BODY_MB ?? 512) * MB;
    const { server, client } = await setup((_req, res) => streamBugs(res, bodyBytes), { maxResponseMb: 8 });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const error = await rejection(client.get('/bugs')).finally(() => clearInterval(sampler));
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(error.message).toMatch(/more than 8 MB/);
    expect(server.hits()).toBe(1);
    // Reading it all would hold at least the body itself (512 MB), as text and parsed twice over.
    expect(peak - before).toBeLessThan(bodyBytes / 4);
  });
});
