/**
 * The TestIO area's settings: the Customer API, its HTTP client and the answer cache. They join
 * the platform's in the merged table (src/areas.ts), which the config loader, the CLI help and the
 * `.env.example` test read.
 */
import { bool, DEFAULT_BASE_URL, httpUrl, intIn, optionalText, spec, type Parser, type SettingSpec } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /** The local caller's TestIO token (stdio, `call`); the team server takes tokens per caller. */
    token?: string;
    baseUrl: string;
    maxConcurrentRequests: number;
    connectionPoolSize: number;
    connectionPoolMaxKeepalive: number;
    httpTimeoutSeconds: number;
    maxResponseMb: number;
    cacheTtlProducts: number;
    cacheTtlTests: number;
    cacheTtlBugs: number;
    /** Serve the TestIO write tools (the testio-write toolset) besides what TOOLSETS names. */
    writeTools: boolean;
  }
}

/** An API base URL gets paths and queries appended: a query or fragment of its own would break every URL. */
const apiBaseUrl: Parser<string> = (raw) => {
  const value = httpUrl(raw);
  const url = new URL(value);
  if (url.search || url.hash) throw new Error(`must not contain a query string or fragment; use ${url.origin}${url.pathname.replace(/\/+$/, '')}`);
  return value;
};

export const TESTIO_SETTINGS: SettingSpec[] = [
  spec({ key: 'token', env: 'TESTIO_CUSTOMER_API_TOKEN', describe: 'TestIO Customer API token (never a flag)', parse: optionalText, secret: true }),
  spec({ key: 'baseUrl', env: 'TESTIO_CUSTOMER_API_BASE_URL', default: DEFAULT_BASE_URL, describe: 'Customer API base URL', parse: apiBaseUrl }),
  spec({ key: 'maxConcurrentRequests', flag: 'max-concurrent-requests', env: 'MAX_CONCURRENT_API_REQUESTS', default: 10, allowed: '1-50', describe: 'Most API requests in flight at once, across all tools', parse: intIn(1, 50) }),
  spec({ key: 'connectionPoolSize', flag: 'connection-pool-size', env: 'CONNECTION_POOL_SIZE', default: 20, allowed: '1-100', describe: 'HTTP connections kept per API origin', parse: intIn(1, 100) }),
  spec({ key: 'connectionPoolMaxKeepalive', env: 'CONNECTION_POOL_MAX_KEEPALIVE', default: 20, allowed: '1-100', describe: 'Idle keep-alive connections kept for reuse (compatibility; CONNECTION_POOL_SIZE bounds them)', parse: intIn(1, 100) }),
  spec({ key: 'httpTimeoutSeconds', flag: 'http-timeout', env: 'HTTP_TIMEOUT_SECONDS', default: 30, allowed: '1-300', describe: 'Timeout of one API request, in seconds', parse: intIn(1, 300) }),
  spec({ key: 'maxResponseMb', env: 'MAX_RESPONSE_MB', default: 256, allowed: '1-512', describe: 'Largest API answer read, in MB; larger answers fail with a message (see docs/PERFORMANCE.md)', parse: intIn(1, 512) }),
  spec({ key: 'cacheTtlProducts', flag: 'cache-ttl-products', env: 'CACHE_TTL_PRODUCTS', default: 3600, allowed: '0-604800', describe: 'Seconds products stay cached (0 disables)', parse: intIn(0, 604_800) }),
  spec({ key: 'cacheTtlTests', flag: 'cache-ttl-tests', env: 'CACHE_TTL_TESTS', default: 300, allowed: '0-604800', describe: 'Seconds tests stay cached (0 disables)', parse: intIn(0, 604_800) }),
  spec({ key: 'cacheTtlBugs', flag: 'cache-ttl-bugs', env: 'CACHE_TTL_BUGS', default: 60, allowed: '0-604800', describe: 'Seconds bugs stay cached (0 disables)', parse: intIn(0, 604_800) }),
  spec({ key: 'writeTools', env: 'TESTIO_WRITE_TOOLS', default: false, allowed: 'true|false', describe: 'Serve the TestIO write tools (accept/reject bugs, create/launch tests), each behind a confirmation', parse: bool }),
] as SettingSpec[];
