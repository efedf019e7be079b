/**
 * A per-run forward proxy on loopback that every request of the run's browser context goes
 * through. Playwright's request interception does not see redirect hops, so a page could redirect
 * to 169.254.169.254; here every connection is checked, and the proxy connects to the very
 * address it checked (no DNS-rebinding window). Plain HTTP is forwarded; HTTPS and WebSockets
 * use CONNECT tunnels.
 */
import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { lookup } from 'node:dns/promises';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { classifyAddress, METADATA_HOSTS, refusalReason } from './ip-ranges.js';
import type { UrlSafetyOptions } from './url-safety.js';

export interface Destination {
  address?: string;
  refusal?: string;
}

/** Resolves `host` and picks an address to connect to, or says why the host is refused. */
export async function checkDestination(host: string, options: UrlSafetyOptions): Promise<Destination> {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (METADATA_HOSTS.has(bare)) return { refusal: `points to a cloud metadata host (${bare})` };
  let addresses: string[];
  if (classifyAddress(bare) !== undefined) {
    addresses = [bare];
  } else {
    try {
      addresses = (await lookup(bare, { all: true, verbatim: true })).map((r) => r.address);
    } catch {
      return { refusal: `could not be resolved (${bare})` };
    }
  }
  for (const address of addresses) {
    const cls = classifyAddress(address);
    const why = cls && refusalReason(cls, options.blockPrivateNetworks);
    if (why) return { refusal: `points to ${why} (${bare}${bare === address ? '' : ` resolves to ${address}`})` };
  }
  return addresses[0] ? { address: addresses[0] } : { refusal: `has no address (${bare})` };
}

/** Marks the proxy's own refusals, so they are not reported a second time as HTTP 403s. */
export const BLOCKED_HEADER = 'x-testr-blocked';

const HOP_BY_HOP = ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade'];

export class EgressProxy {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** `onBlocked(description, reason)` is called for every refused request or tunnel. */
  static async start(options: UrlSafetyOptions, onBlocked: (what: string, reason: string) => void): Promise<EgressProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const proxy = new EgressProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('connection', (socket: Socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void forward(req, res, options, onBlocked));
    server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => void tunnel(req, client, head, options, onBlocked));
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function forward(req: IncomingMessage, res: ServerResponse, options: UrlSafetyOptions, onBlocked: (what: string, reason: string) => void): Promise<void> {
  let target: URL;
  try {
    target = new URL(req.url ?? '');
    if (target.protocol !== 'http:') throw new Error('not http');
  } catch {
    res.writeHead(400).end();
    return;
  }
  const destination = await checkDestination(target.hostname, options);
  if (!destination.address) {
    onBlocked(`${req.method ?? 'GET'} ${target.href}`, destination.refusal ?? 'refused');
    res.writeHead(403, { 'content-type': 'text/plain', [BLOCKED_HEADER]: '1' }).end(`Blocked by Testr: the address ${destination.refusal ?? 'is refused'}.`);
    return;
  }
  const headers = { ...req.headers };
  for (const name of HOP_BY_HOP) delete headers[name];
  const upstream = httpRequest(
    { host: destination.address, port: target.port || 80, method: req.method, path: `${target.pathname}${target.search}`, headers, setHost: false },
    (response) => {
      const out = { ...response.headers };
      for (const name of HOP_BY_HOP) delete out[name];
      res.writeHead(response.statusCode ?? 502, response.statusMessage, out);
      response.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  });
  req.pipe(upstream);
}

async function tunnel(req: IncomingMessage, client: Socket, head: Buffer, options: UrlSafetyOptions, onBlocked: (what: string, reason: string) => void): Promise<void> {
  client.on('error', () => client.destroy());
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
  if (!match) {
    client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    return;
  }
  const [, host = '', port = '443'] = match;
  const destination = await checkDestination(host, options);
  if (!destination.address) {
    onBlocked(`CONNECT ${host}:${port}`, destination.refusal ?? 'refused');
    client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    return;
  }
  let connected = false;
  const upstream = connect(Number(port), destination.address, () => {
    connected = true;
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => {
    if (!connected && client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    else client.destroy();
  });
  client.on('close', () => upstream.destroy());
}
