import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { checkDestination, EgressProxy } from '../../src/testr/engine/egress-proxy.js';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

let site: FixtureSite;
beforeAll(async () => {
  site = await startFixtureSite();
});
afterAll(() => site.close());

function viaProxy(proxyUrl: string, target: string): Promise<{ status: number; body: string }> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: proxy.hostname, port: proxy.port, path: target, headers: { host: new URL(target).host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connectVia(proxyUrl: string, hostPort: string): Promise<string> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(proxy.port), proxy.hostname, () => socket.write(`CONNECT ${hostPort} HTTP/1.1\r\nHost: ${hostPort}\r\n\r\n`));
    socket.once('data', (d: Buffer) => {
      resolve(d.toString().split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

describe('egress proxy', () => {
  it('refuses metadata and link-local destinations, and private ones when blocked', async () => {
    expect(await checkDestination('169.254.169.254', { blockPrivateNetworks: false })).toMatchObject({ refusal: expect.stringMatching(/metadata/) });
    expect(await checkDestination('metadata.google.internal', { blockPrivateNetworks: false })).toMatchObject({ refusal: expect.stringMatching(/metadata host/) });
    expect(await checkDestination('[fe80::1]', { blockPrivateNetworks: false })).toMatchObject({ refusal: expect.stringMatching(/link-local/) });
    expect(await checkDestination('localhost', { blockPrivateNetworks: false })).toMatchObject({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) });
    expect(await checkDestination('localhost', { blockPrivateNetworks: true })).toMatchObject({ refusal: expect.stringMatching(/loopback/) });
  });

  it('forwards allowed HTTP requests and blocks refused ones', async () => {
    const blocked: string[] = [];
    const proxy = await EgressProxy.start({ blockPrivateNetworks: false }, (what, why) => blocked.push(`${what}: ${why}`));
    try {
      const ok = await viaProxy(proxy.url, `${site.url}newsletter`);
      expect(ok.status).toBe(200);
      expect(ok.body).toContain('Email address');
      const refused = await viaProxy(proxy.url, 'http://169.254.169.254/latest/meta-data/');
      expect(refused.status).toBe(403);
      expect(await connectVia(proxy.url, '169.254.169.254:443')).toBe('HTTP/1.1 403 Forbidden');
      expect(await connectVia(proxy.url, `127.0.0.1:${new URL(site.url).port}`)).toBe('HTTP/1.1 200 Connection Established');
      expect(blocked).toEqual([
        'GET http://169.254.169.254/latest/meta-data/: points to a cloud metadata address (169.254.169.254)',
        'CONNECT 169.254.169.254:443: points to a cloud metadata address (169.254.169.254)',
      ]);
    } finally {
      await proxy.close();
    }
  });
});
