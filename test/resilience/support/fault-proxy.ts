/**
 * A loopback HTTP proxy in front of the sandbox that fails requests in a fixed pattern: the first
 * attempt at each distinct request fails with 500/502/503 in turn, and every third request also
 * fails its second attempt with 429 (Retry-After: 1). Every good call therefore needs retries and
 * none can fail by bad luck, unlike a random fault rate where a request may draw four faults.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  /** Base URL to give the server: the sandbox's path behind the proxy's origin. */
  baseUrl: string;
  faults(): number;
  forwarded(): number;
  close(): Promise<void>;
}

const FIRST_FAULTS = [500, 502, 503];

export async function startFaultProxy(sandboxBaseUrl: string): Promise<FaultProxy> {
  const target = new URL(sandboxBaseUrl);
  const attempts = new Map<string, { attempt: number; order: number }>();
  let order = 0;
  let faults = 0;
  let forwarded = 0;

  const fail = (res: ServerResponse, status: number) => {
    faults++;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (status === 429) headers['retry-after'] = '1';
    res.writeHead(status, headers).end(JSON.stringify({ error: `injected ${status}` }));
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    forwarded++;
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    const key = `${req.method} ${req.url}`;
    const seen = attempts.get(key) ?? { attempt: 0, order: ++order };
    seen.attempt++;
    attempts.set(key, seen);
    if (seen.attempt === 1) return fail(res, FIRST_FAULTS[seen.order % FIRST_FAULTS.length]);
    const slow = seen.order % 3 === 0;
    if (seen.attempt === 2 && slow) return fail(res, 429);
    // Served: a later call for the same request meets the pattern again.
    attempts.delete(key);
    return forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname}`,
    faults: () => faults,
    forwarded: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
