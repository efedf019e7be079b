import { checkTargetUrl, RequestGuard, staticRefusal } from '../../src/testr/engine/url-safety.js';
import { classifyAddress } from '../../src/testr/engine/ip-ranges.js';

const open = { blockPrivateNetworks: false };
const closed = { blockPrivateNetworks: true };

describe('address classes', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['fd12::1', 'private'],
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['example.com', undefined],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });
});

describe('checkTargetUrl', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', /cloud metadata/],
    ['http://[fd00:ec2::254]/', /cloud metadata/],
    ['http://metadata.google.internal/computeMetadata/v1/', /cloud metadata host/],
    ['http://169.254.1.1/', /link-local/],
    ['http://[fe80::1]/', /link-local/],
    ['ftp://example.com/', /only http and https/],
    ['javascript:alert(1)', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['http://user:pw@example.com/', /credentials/],
    ['not a url', /not a valid absolute URL/],
  ])('always refuses %s', async (url, message) => {
    await expect(checkTargetUrl(url, open)).rejects.toMatchObject({ parameter: 'targetUrl', message: expect.stringMatching(message) });
  });

  it('allows loopback and private addresses unless private networks are blocked', async () => {
    await expect(checkTargetUrl('http://127.0.0.1:8080/demo/', open)).resolves.toBeUndefined();
    await expect(checkTargetUrl('http://localhost:8080/', open)).resolves.toBeUndefined();
    await expect(checkTargetUrl('http://10.0.0.5/', open)).resolves.toBeUndefined();
    await expect(checkTargetUrl('http://127.0.0.1/', closed)).rejects.toMatchObject({ message: expect.stringMatching(/loopback/) });
    await expect(checkTargetUrl('http://192.168.0.10/', closed)).rejects.toMatchObject({ message: expect.stringMatching(/private-network/) });
    await expect(checkTargetUrl('http://localhost/', closed)).rejects.toMatchObject({ message: expect.stringMatching(/loopback/) });
  });

  it('resolves host names to catch names that point at refused addresses', async () => {
    // *.localhost resolves to loopback without any DNS server.
    await expect(checkTargetUrl('http://app.localhost/', closed)).rejects.toThrow(/loopback/);
    await expect(checkTargetUrl('http://no-such-host.invalid/', open)).rejects.toThrow(/could not be resolved/);
  });
});

describe('request guard', () => {
  it('checks IP literals synchronously and lets page-internal schemes through', async () => {
    expect(staticRefusal('http://169.254.169.254/x', open)).toMatch(/metadata/);
    expect(staticRefusal('http://127.0.0.1/x', open)).toBe('');
    expect(staticRefusal('http://example.com/x', open)).toBeUndefined();
    const guard = new RequestGuard(open);
    await expect(guard.refusal('data:image/png;base64,AAAA')).resolves.toBeUndefined();
    await expect(guard.refusal('http://169.254.169.254/latest')).resolves.toMatch(/metadata/);
    await expect(guard.refusal('http://127.0.0.1:9/')).resolves.toBeUndefined();
  });
});
