/**
 * Which URLs a test may open. Only http(s), no credentials, never link-local or cloud-metadata
 * addresses (also when a host name resolves there), and loopback/private ranges only when
 * private networks are not blocked. No playwright import: the service loads this eagerly.
 */
import { lookup } from 'node:dns/promises';
import { UserInputError } from '../../platform/errors.js';
import { classifyAddress, METADATA_HOSTS, refusalReason } from './ip-ranges.js';

export interface UrlSafetyOptions {
  blockPrivateNetworks: boolean;
}

const HINT = 'Use an http(s) URL of a public site, or of a local one when private networks are allowed.';
const LOOKUP_TIMEOUT_MS = 5_000;

/** Throws UserInputError('targetUrl', ...) when the target URL may not be opened. */
export async function checkTargetUrl(url: string, options: UrlSafetyOptions): Promise<void> {
  const reason = await urlRefusal(url, options);
  if (reason) throw new UserInputError('targetUrl', `targetUrl ${reason}.`, HINT);
}

/**
 * Why `url` may not be opened (e.g. 'points to a link-local address (169.254.1.1)'), or undefined.
 * Resolves host names with every address they have.
 */
export async function urlRefusal(url: string, options: UrlSafetyOptions): Promise<string | undefined> {
  const syntactic = staticRefusal(url, options);
  if (syntactic !== undefined) return syntactic || undefined;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = await resolveAll(host);
  } catch {
    return `has a host name that could not be resolved (${host}); check the spelling`;
  }
  for (const address of addresses) {
    const cls = classifyAddress(address);
    const why = cls && refusalReason(cls, options.blockPrivateNetworks);
    if (why) return `points to ${why} (${host} resolves to ${address})`;
  }
  return undefined;
}

/**
 * The synchronous part of the check: scheme, credentials, IP literals and known metadata names.
 * Returns a reason, '' when the URL is allowed outright (an allowed IP literal), or undefined when
 * the host is a name that still needs resolving. Used for every request the page makes.
 */
export function staticRefusal(url: string, options: UrlSafetyOptions): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is not a valid absolute URL ("${truncate(url)}")`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `uses ${parsed.protocol} but only http and https are allowed`;
  }
  if (parsed.username !== '' || parsed.password !== '') return 'contains credentials (user:password@), which are not allowed';
  const host = hostOf(url);
  if (host === '') return 'has no host';
  if (METADATA_HOSTS.has(host)) return `points to a cloud metadata host (${host})`;
  const cls = classifyAddress(host);
  if (cls === undefined) return host === 'localhost' || host.endsWith('.localhost') ? localhostRefusal(options) : undefined;
  const why = refusalReason(cls, options.blockPrivateNetworks);
  return why ? `points to ${why} (${host})` : '';
}

function localhostRefusal(options: UrlSafetyOptions): string {
  return options.blockPrivateNetworks ? 'points to a loopback address, and private networks are blocked (localhost)' : '';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  } catch {
    return '';
  }
}

async function resolveAll(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('lookup timed out')), LOOKUP_TIMEOUT_MS);
  });
  try {
    const results = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return results.map((r) => r.address);
  } finally {
    clearTimeout(timer);
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Checks the URLs the page requests while a test runs. Caches host-name verdicts for the run, so
 * only the first request to a host waits for DNS.
 */
export class RequestGuard {
  private readonly verdicts = new Map<string, Promise<string | undefined>>();

  constructor(private readonly options: UrlSafetyOptions) {}

  /** The reason to block this request, or undefined to let it through. */
  async refusal(url: string): Promise<string | undefined> {
    if (!/^https?:/i.test(url)) return undefined; // data:, blob:, about: stay inside the page
    const syntactic = staticRefusal(url, this.options);
    if (syntactic !== undefined) return syntactic || undefined;
    const host = hostOf(url);
    let verdict = this.verdicts.get(host);
    if (!verdict) {
      verdict = urlRefusal(url, this.options);
      this.verdicts.set(host, verdict);
    }
    return verdict;
  }
}
