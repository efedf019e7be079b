/**
 * The HTTP client against a scripted loopback server, for the answers the sandbox cannot give:
 * Retry-After dates, HTML, hangs, 408, echoed secrets.
 */
import { MISSING_TOKEN_MESSAGE, TestioHttpClient } from '../../src/testio/data/http-client.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { captureLogger, FAST_RETRY, json, makeConfig, rejection, startScripted, TEST_TOKEN, type ScriptedServer } from './helpers.js';

const servers: ScriptedServer[] = [];
const clients: TestioHttpClient[] = [];

async function setup(handler: Parameters<typeof startScripted>[0], overrides = {}, options = {}) {
  const server = await startScripted(handler);
  servers.push(server);
  const capture = captureLogger();
  const config = makeConfig({ baseUrl: server.baseUrl, ...overrides });
  const client = new TestioHttpClient({ config, logger: capture.logger }, { ...FAST_RETRY, ...options });
  clients.push(client);
  return { server, client, lines: capture.lines, config };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('TestioHttpClient', () => {
  it('sends the token header and returns the JSON object', async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, { products: [] }));
    await expect(client.get('/products', { query: { 'filter[product_ids][]': [1, 2] } })).resolves.toEqual({ products: [] });
    expect(server.requests[0].authorization).toBe(`Token ${TEST_TOKEN}`);
    expect(server.requests[0].url).toBe('/customer/v2/products?filter%5Bproduct_ids%5D%5B%5D=1&filter%5Bproduct_ids%5D%5B%5D=2');
    expect(client.requestCount()).toBe(1);
  });

  it('reuses kept-alive connections: never more sockets than requests allowed in flight', async () => {
    const { server, client } = await setup((_req, res) => setTimeout(() => json(res, 200, { ok: 1 }), 30), { maxConcurrentRequests: 10, connectionPoolSize: 20 });
    const answers = await Promise.all(Array.from({ length: 22 }, (_, i) => client.get(`/exploratory_tests/${i}`)));
    expect(answers).toHaveLength(22);
    expect(server.hits()).toBe(22);
    expect(server.connections()).toBeLessThanOrEqual(10);
  });

  it('warms up in the background without sending anything upstream', async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, { ok: 1 }));
    client.warmUp();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.hits()).toBe(0);
    expect(client.requestCount()).toBe(0);
    await expect(client.get('/products')).resolves.toEqual({ ok: 1 });
    expect(server.hits()).toBe(1);
  });

  it('honours Retry-After given in seconds', async () => {
    const { server, client } = await setup((_req, res, hit) => (hit === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { ok: true })));
    const started = Date.now();
    await expect(client.get('/products')).resolves.toEqual({ ok: true });
    expect(server.hits()).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    let firstAt = 0;
    const { server, client } = await setup((_req, res, hit) => {
      if (hit === 1) {
        firstAt = Date.now();
        // HTTP dates have 1 s resolution: 2 s ahead means a wait of at least ~1 s.
        json(res, 429, { error: 'slow down' }, { 'retry-after': new Date(Date.now() + 2000).toUTCString() });
      } else json(res, 200, { ok: true });
    });
    await expect(client.get('/products')).resolves.toEqual({ ok: true });
    expect(server.hits()).toBe(2);
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(900);
  });

  it('retries 408 and 5xx, then succeeds', async () => {
    const statuses = [408, 500, 504];
    const { server, client } = await setup((_req, res, hit) => (hit <= statuses.length ? json(res, statuses[hit - 1], { error: 'x' }) : json(res, 200, { ok: 1 })));
    await expect(client.get('/x')).resolves.toEqual({ ok: 1 });
    expect(server.hits()).toBe(4);
  });

  it('never retries other 4xx and names what the API said', async () => {
    const { server, client } = await setup((_req, res) => json(res, 422, { error: 'filter_test_cycle_ids is invalid' }));
    const error = await rejection(client.get('/bugs'));
    expect(server.hits()).toBe(1);
    expect(error.toolErrorKind).toBe('upstream');
    expect(error.message).toContain('HTTP 422');
    expect(error.message).toContain('filter_test_cycle_ids is invalid');
  });

  it('gives up on a dead API with a message that says what happened and how often', async () => {
    const { server, client } = await setup((_req, res) => json(res, 503, { error: 'down' }));
    const started = Date.now();
    const error = await rejection(client.get('/products'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.hits()).toBe(4);
    expect(error.toolErrorKind).toBe('upstream');
    expect(error.message).toMatch(/HTTP 503.*GET \/products.*4 attempts/);
  });

  it('stops retrying when the total budget is spent, long before maxAttempts', async () => {
    // Waits are 300 ms (fixed jitter) and the budget 700 ms: at most 3 of the 10 allowed attempts.
    const { server, client } = await setup((_req, res) => json(res, 502, {}), {}, { baseDelayMs: 400, maxDelayMs: 400, budgetMs: 700, maxAttempts: 10 });
    const started = Date.now();
    const error = await rejection(client.get('/products'));
    // Ten attempts would take at least 3.6 s.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.hits()).toBeGreaterThanOrEqual(1);
    expect(server.hits()).toBeLessThanOrEqual(3);
    expect(error.message).toContain(server.hits() === 1 ? '1 attempt' : `${server.hits()} attempts`);
  });

  it('does not wait for a Retry-After beyond the budget: rate_limited at once', async () => {
    const { server, client } = await setup((_req, res) => json(res, 429, { error: 'limit' }, { 'retry-after': '120' }));
    const started = Date.now();
    const error = await rejection(client.get('/products'));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.hits()).toBe(1);
    expect(error.toolErrorKind).toBe('rate_limited');
    expect(error.message).toContain('120 s');
  });

  it('treats HTML and non-object JSON as errors, never data', async () => {
    const html = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Proxy login</body></html>');
    });
    const htmlError = await rejection(html.client.get('/products'));
    expect(htmlError.toolErrorKind).toBe('upstream');
    expect(htmlError.message).toContain('an HTML page instead of a JSON object');

    const array = await setup((_req, res) => json(res, 200, [1, 2]));
    expect((await rejection(array.client.get('/products'))).message).toContain('a JSON array instead of a JSON object');
  });

  it('times out each attempt after httpTimeoutSeconds and says so', async () => {
    // Never answers; one attempt so the test takes one timeout (1 s).
    const { client } = await setup(() => undefined, { httpTimeoutSeconds: 1 }, { maxAttempts: 1 });
    const started = Date.now();
    const error = await rejection(client.get('/products'));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.toolErrorKind).toBe('timeout');
    expect(error.message).toContain('timed out after 1 s');
  });

  it('maps 401 to an auth error naming the variable', async () => {
    const { server, client } = await setup((_req, res) => json(res, 401, { error: 'Invalid token' }));
    const error = await rejection(client.get('/products'));
    expect(server.hits()).toBe(1);
    expect(error.toolErrorKind).toBe('auth');
    expect(error.message).toMatch(/^The TestIO API rejected the token \(HTTP 401\)\. Check TESTIO_CUSTOMER_API_TOKEN/);
  });

  it('without a token, every call throws a configuration error saying how to set it', async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, {}), { token: undefined });
    const error = await rejection(client.get('/products'));
    expect(error.toolErrorKind).toBe('configuration');
    expect(error.message).toBe(MISSING_TOKEN_MESSAGE);
    expect(error.message).toContain('TESTIO_CUSTOMER_API_TOKEN is not set');
    expect(error.message).toMatch(/env.*\.env.*--sandbox/);
    expect(server.hits()).toBe(0);
  });

  it('never lets the token reach a log line or an error, even when upstream echoes it', async () => {
    const { client, lines } = await setup((req, res) => json(res, 400, { error: `bad request with header ${req.headers.authorization}` }));
    const error = await rejection(client.get('/bugs', { query: { filter_test_cycle_ids: '1' } }));
    expect(error.message).not.toContain(TEST_TOKEN);
    expect(error.message).toContain('[REDACTED]');
    const debug = lines.join('');
    expect(debug).toContain('"level":"debug"');
    expect(debug).toContain('"path":"/bugs?filter_test_cycle_ids=1"');
    expect(debug).toContain('"status":400');
    expect(debug).toContain('"attempt":1');
    expect(debug).toContain('durationMs');
    expect(debug).not.toContain(TEST_TOKEN);
    expect(debug).not.toMatch(/authorization/i);
  });

  it('cancellation stops a backoff wait at once', async () => {
    const { server, client } = await setup((_req, res) => json(res, 503, {}), {}, { baseDelayMs: 5_000, maxDelayMs: 5_000, budgetMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const error = await rejection(client.get('/products', { signal: controller.signal }));
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error.toolErrorKind).toBe('cancelled');
    expect(server.hits()).toBe(1);
  });

  it('cancellation stops waiting for a hanging request', async () => {
    const { client } = await setup(() => undefined, { httpTimeoutSeconds: 30 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection(client.get('/products', { signal: controller.signal }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.toolErrorKind).toBe('cancelled');
  });

  it('coalesces identical GETs, and one caller cancelling does not fail the others', async () => {
    const { server, client } = await setup((_req, res) => setTimeout(() => json(res, 200, { n: 1 }), 200));
    const quitter = new AbortController();
    const calls = [client.get('/products', { signal: quitter.signal }), ...Array.from({ length: 5 }, () => client.get('/products'))];
    setTimeout(() => quitter.abort(), 50);
    const results = await Promise.allSettled(calls);
    expect(results[0].status).toBe('rejected');
    expect(results.slice(1).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(server.hits()).toBe(1);
  });

  it('applies one concurrency limit to every caller', async () => {
    let inFlight = 0;
    let peak = 0;
    const { client } = await setup(
      (_req, res) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          json(res, 200, {});
        }, 30);
      },
      { maxConcurrentRequests: 3 },
    );
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.get(`/products/${i}`)));
    expect(peak).toBe(3);
  });

  it('reports an unreachable API in bounded time', async () => {
    const server = await startScripted(() => undefined);
    const baseUrl = server.baseUrl;
    await server.close();
    const client = new TestioHttpClient({ config: makeConfig({ baseUrl }), logger: createSilentLogger() }, FAST_RETRY);
    clients.push(client);
    const error = await rejection(client.get('/products'));
    expect(error.toolErrorKind).toBe('upstream');
    expect(error.message).toMatch(/Could not reach the TestIO API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*4 attempts/);
  });
});
