/**
 * Classifies IP addresses for the URL-safety rules. Pure and synchronous, so the runner's request
 * interception can use it on every request.
 */
import { isIP } from 'node:net';

export type AddressClass = 'metadata' | 'link-local' | 'reserved' | 'loopback' | 'private' | 'public';

/** Cloud metadata endpoints (AWS, GCP, Azure, Alibaba, AWS over IPv6). */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200']);
const METADATA_V6 = new Set(['fd00:ec2::254']);
export const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function inV4(ip: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  const start = v4ToInt(base);
  return ip >= start && ip < start + size;
}

function classifyV4(ip: string): AddressClass {
  if (METADATA_V4.has(ip)) return 'metadata';
  const n = v4ToInt(ip);
  if (inV4(n, '169.254.0.0', 16)) return 'link-local';
  if (inV4(n, '127.0.0.0', 8) || inV4(n, '0.0.0.0', 8)) return 'loopback';
  if (inV4(n, '10.0.0.0', 8) || inV4(n, '172.16.0.0', 12) || inV4(n, '192.168.0.0', 16) || inV4(n, '100.64.0.0', 10)) {
    return 'private';
  }
  if (inV4(n, '224.0.0.0', 4) || inV4(n, '240.0.0.0', 4)) return 'reserved';
  return 'public';
}

/** Expands an IPv6 address to eight 16-bit groups (handles "::" and an embedded IPv4 tail). */
function v6Groups(ip: string): number[] {
  let text = ip.toLowerCase().split('%')[0] ?? '';
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const n = v4ToInt(v4Tail[1] ?? '0.0.0.0');
    text = text.slice(0, -(v4Tail[1] ?? '').length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - headParts.length - tailParts.length;
  return [...headParts, ...Array<string>(Math.max(0, fill)).fill('0'), ...tailParts].map((g) => parseInt(g, 16) || 0);
}

function classifyV6(ip: string): AddressClass {
  const g = v6Groups(ip);
  const canonical = g.map((x) => x.toString(16)).join(':');
  if ([...METADATA_V6].some((m) => v6Groups(m).map((x) => x.toString(16)).join(':') === canonical)) return 'metadata';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms take the IPv4 rules.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || (g[5] === 0 && (g[6] ?? 0) !== 0))) {
    const a = g[6] ?? 0;
    const b = g[7] ?? 0;
    return classifyV4(`${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`);
  }
  if (g.every((x) => x === 0)) return 'loopback';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  const first = g[0] ?? 0;
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xff00) === 0xff00) return 'reserved';
  return 'public';
}

/** undefined when `ip` is not an IP literal. Accepts "[::1]" as URL hostnames spell it. */
export function classifyAddress(ip: string): AddressClass | undefined {
  const bare = ip.replace(/^\[|\]$/g, '');
  const version = isIP(bare.split('%')[0] ?? '');
  if (version === 4) return classifyV4(bare);
  if (version === 6) return classifyV6(bare);
  return undefined;
}

/** Why an address is refused, or undefined when it is allowed. */
export function refusalReason(cls: AddressClass, blockPrivateNetworks: boolean): string | undefined {
  switch (cls) {
    case 'metadata':
      return 'a cloud metadata address';
    case 'link-local':
      return 'a link-local address';
    case 'reserved':
      return 'a multicast or reserved address';
    case 'loopback':
      return blockPrivateNetworks ? 'a loopback address, and private networks are blocked' : undefined;
    case 'private':
      return blockPrivateNetworks ? 'a private-network address, and private networks are blocked' : undefined;
    case 'public':
      return undefined;
  }
}
