/**
 * A loopback proxy in front of the sandbox that answers chosen requests with an error (default
 * 400, which the HTTP client does not retry) and forwards the rest: a page that keeps failing,
 * on demand. `failWhen` can be changed while the test runs (undefined: forward everything).
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FailingProxy {
  baseUrl: string;
  failWhen: ((url: URL) => boolean) | undefined;
  failed(): number;
  close(): Promise<void>;
}

export async function startFailingProxy(sandboxBaseUrl: string, status = 400): Promise<FailingProxy> {
  const target = new URL(sandboxBaseUrl);
  let failed = 0;
  const proxy: FailingProxy = {
    baseUrl: '',
    failWhen: undefined,
    failed: () => failed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    if (proxy.failWhen?.(url)) {
      failed++;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'injected failure' }));
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`;
  return proxy;
}
