/**
 * One validated configuration, built from CLI flags > environment > env file > defaults.
 * Every setting is declared once in SETTINGS; the CLI help, `.env.example` test and error
 * messages all read from that table, so a new setting is one entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

export const DEFAULT_BASE_URL = 'https://api.test.io/customer/v2';
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface Config {
  token?: string;
  baseUrl: string;
  maxConcurrentRequests: number;
  connectionPoolSize: number;
  connectionPoolMaxKeepalive: number;
  httpTimeoutSeconds: number;
  maxResponseMb: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  cacheTtlProducts: number;
  cacheTtlTests: number;
  cacheTtlBugs: number;
  enabledTools?: string[];
  disabledTools?: string[];
  pluginDirs: string[];
  testrDataDir: string;
  testrCredits: number;
  chromiumPath?: string;
  testrBlockPrivateNetworks: boolean;
  testrLlmBaseUrl?: string;
  testrLlmApiKey?: string;
  testrLlmModel?: string;
  sandbox: boolean;
}

/** Thrown for a bad flag, variable or env file; the CLI prints the message and exits 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Parser<T> = (raw: string) => T;

export interface SettingSpec<K extends keyof Config = keyof Config> {
  key: K;
  /** Long CLI flag without dashes, when the setting has one (never for credentials). */
  flag?: string;
  env?: string;
  default?: Config[K];
  /** Human text for --help and .env.example. */
  describe: string;
  /** Shown in --help / errors: the allowed values or range. */
  allowed?: string;
  parse: Parser<Config[K]>;
  secret?: boolean;
}

const intIn =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const result = z.coerce.number().int().min(min).max(max).safeParse(raw.trim() === '' ? NaN : raw);
    if (!result.success) throw new Error(`must be a whole number from ${min} to ${max}`);
    return result.data;
  };

const oneOf =
  <T extends string>(values: readonly T[], normalise: (s: string) => string): Parser<T> =>
  (raw) => {
    const value = normalise(raw.trim()) as T;
    if (!values.includes(value)) throw new Error(`must be one of ${values.join(', ')}`);
    return value;
  };

const optionalText: Parser<string | undefined> = (raw) => raw.trim() || undefined;

const bool: Parser<boolean> = (raw) => {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
  throw new Error('must be true or false');
};

const httpUrl: Parser<string> = (raw) => {
  const value = raw.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('must be an http(s) URL such as https://api.test.io/customer/v2');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must be an http(s) URL');
  if (url.username || url.password) throw new Error('must not contain credentials');
  return value;
};

/** An API base URL gets paths and queries appended: a query or fragment of its own would break every URL. */
const apiBaseUrl: Parser<string> = (raw) => {
  const value = httpUrl(raw);
  const url = new URL(value);
  if (url.search || url.hash) throw new Error(`must not contain a query string or fragment; use ${url.origin}${url.pathname.replace(/\/+$/, '')}`);
  return value;
};

/** Comma-separated names (spaces allowed) or a JSON array of strings. */
export const parseNameList: Parser<string[] | undefined> = (raw) => {
  const value = raw.trim();
  if (value === '') return undefined;
  if (value.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error('looks like a JSON array but is not valid JSON; use ["a","b"] or a,b');
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
      throw new Error('must be a JSON array of tool names');
    }
    return parsed.map((item) => item.trim()).filter(Boolean);
  }
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
};

const pathList: Parser<string[]> = (raw) =>
  raw
    .split(new RegExp(`[,${path.delimiter === ';' ? ';' : ':'}]`))
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => path.resolve(item));

const upper = (s: string) => s.toUpperCase();
const lower = (s: string) => s.toLowerCase();

function spec<K extends keyof Config>(s: SettingSpec<K>): SettingSpec<K> {
  return s;
}

export const SETTINGS: SettingSpec[] = [
  spec({ key: 'token', env: 'TESTIO_CUSTOMER_API_TOKEN', describe: 'TestIO Customer API token (never a flag)', parse: optionalText, secret: true }),
  spec({ key: 'baseUrl', env: 'TESTIO_CUSTOMER_API_BASE_URL', default: DEFAULT_BASE_URL, describe: 'Customer API base URL', parse: apiBaseUrl }),
  spec({ key: 'maxConcurrentRequests', flag: 'max-concurrent-requests', env: 'MAX_CONCURRENT_API_REQUESTS', default: 10, allowed: '1-50', describe: 'Most API requests in flight at once, across all tools', parse: intIn(1, 50) }),
  spec({ key: 'connectionPoolSize', flag: 'connection-pool-size', env: 'CONNECTION_POOL_SIZE', default: 20, allowed: '1-100', describe: 'HTTP connections kept per API origin', parse: intIn(1, 100) }),
  spec({ key: 'connectionPoolMaxKeepalive', env: 'CONNECTION_POOL_MAX_KEEPALIVE', default: 20, allowed: '1-100', describe: 'Idle keep-alive connections kept for reuse (compatibility; CONNECTION_POOL_SIZE bounds them)', parse: intIn(1, 100) }),
  spec({ key: 'httpTimeoutSeconds', flag: 'http-timeout', env: 'HTTP_TIMEOUT_SECONDS', default: 30, allowed: '1-300', describe: 'Timeout of one API request, in seconds', parse: intIn(1, 300) }),
  spec({ key: 'maxResponseMb', env: 'MAX_RESPONSE_MB', default: 256, allowed: '1-512', describe: 'Largest API answer read, in MB; larger answers fail with a message (see docs/PERFORMANCE.md)', parse: intIn(1, 512) }),
  spec({ key: 'logLevel', flag: 'log-level', env: 'LOG_LEVEL', default: 'INFO', allowed: LOG_LEVELS.join('|'), describe: 'Log level (logs go to stderr)', parse: oneOf(LOG_LEVELS, upper) }),
  spec({ key: 'logFormat', flag: 'log-format', env: 'LOG_FORMAT', default: 'json', allowed: LOG_FORMATS.join('|'), describe: 'Log line format', parse: oneOf(LOG_FORMATS, lower) }),
  spec({ key: 'cacheTtlProducts', flag: 'cache-ttl-products', env: 'CACHE_TTL_PRODUCTS', default: 3600, allowed: '0-604800', describe: 'Seconds products stay cached (0 disables)', parse: intIn(0, 604_800) }),
  spec({ key: 'cacheTtlTests', flag: 'cache-ttl-tests', env: 'CACHE_TTL_TESTS', default: 300, allowed: '0-604800', describe: 'Seconds tests stay cached (0 disables)', parse: intIn(0, 604_800) }),
  spec({ key: 'cacheTtlBugs', flag: 'cache-ttl-bugs', env: 'CACHE_TTL_BUGS', default: 60, allowed: '0-604800', describe: 'Seconds bugs stay cached (0 disables)', parse: intIn(0, 604_800) }),
  spec({ key: 'enabledTools', env: 'ENABLED_TOOLS', describe: 'Only these tools (comma list or JSON array)', parse: parseNameList }),
  spec({ key: 'disabledTools', env: 'DISABLED_TOOLS', describe: 'All tools but these (comma list or JSON array)', parse: parseNameList }),
  spec({ key: 'pluginDirs', env: 'PLUGIN_DIRS', default: [], describe: 'Extra folders scanned for */tool.ts|js', parse: pathList }),
  spec({ key: 'testrDataDir', env: 'TESTR_DATA_DIR', default: path.join(homedir(), '.testio-mcp', 'testr'), describe: 'Testr database and recordings folder', parse: (raw) => path.resolve(raw.trim()) }),
  spec({ key: 'testrCredits', env: 'TESTR_CREDITS', default: 100, allowed: '0-1000000', describe: 'Opening credit balance of a new Testr database', parse: intIn(0, 1_000_000) }),
  spec({ key: 'chromiumPath', env: 'CHROMIUM_PATH', describe: 'Chromium executable (found on the machine when unset)', parse: optionalText }),
  spec({ key: 'testrBlockPrivateNetworks', env: 'TESTR_BLOCK_PRIVATE_NETWORKS', default: false, allowed: 'true|false', describe: 'Refuse loopback and private-network targets in browser tests', parse: bool }),
  spec({ key: 'testrLlmBaseUrl', env: 'TESTR_LLM_BASE_URL', describe: 'Optional OpenAI-compatible endpoint for explorer runs', parse: (raw) => (raw.trim() ? httpUrl(raw) : undefined) }),
  spec({ key: 'testrLlmApiKey', env: 'TESTR_LLM_API_KEY', describe: 'API key for TESTR_LLM_BASE_URL', parse: optionalText, secret: true }),
  spec({ key: 'testrLlmModel', env: 'TESTR_LLM_MODEL', describe: 'Model name for TESTR_LLM_BASE_URL', parse: optionalText }),
  spec({ key: 'sandbox', flag: 'sandbox', default: false, describe: 'Serve against a built-in sandbox API (no token needed)', parse: bool }),
] as SettingSpec[];

export interface ConfigSources {
  /** Flag values by flag name (without dashes), as strings; booleans as 'true'. */
  flags?: Record<string, string | undefined>;
  env?: NodeJS.ProcessEnv;
  /** Explicit --env-file; when absent `.env` in cwd is read if it exists. */
  envFile?: string;
  cwd?: string;
}

export function readEnvFile(file: string | undefined, cwd: string): Record<string, string> {
  const explicit = file !== undefined;
  const target = path.resolve(cwd, file ?? '.env');
  if (!existsSync(target)) {
    if (explicit) throw new ConfigError(`--env-file: ${target} does not exist. Pass the path of an existing file.`);
    return {};
  }
  try {
    return parseEnv(readFileSync(target, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new ConfigError(`--env-file: could not read ${target}: ${(error as Error).message}`);
  }
}

export function loadConfig(sources: ConfigSources = {}): Config {
  const cwd = sources.cwd ?? process.cwd();
  const env = sources.env ?? process.env;
  const flags = sources.flags ?? {};
  const fileEnv = readEnvFile(sources.envFile, cwd);
  const config: Record<string, unknown> = {};

  for (const setting of SETTINGS) {
    const candidates: Array<[string | undefined, string]> = [
      [setting.flag ? flags[setting.flag] : undefined, `--${setting.flag}`],
      [setting.env ? env[setting.env] : undefined, `${setting.env} (environment)`],
      [setting.env ? fileEnv[setting.env] : undefined, `${setting.env} (env file)`],
    ];
    const found = candidates.find(([raw]) => raw !== undefined);
    if (!found) {
      config[setting.key] = setting.default;
      continue;
    }
    const [raw, origin] = found;
    try {
      config[setting.key] = setting.parse(raw as string) ?? setting.default;
    } catch (error) {
      // Never echo secrets, nor credentials embedded in a URL.
      const shown = setting.secret || /\/\/[^/]*@/.test(raw as string) ? '' : ` (got ${JSON.stringify(raw)})`;
      throw new ConfigError(`Invalid ${origin}: ${(error as Error).message}${shown}.`);
    }
  }

  const result = config as unknown as Config;
  if (result.enabledTools && result.disabledTools) {
    throw new ConfigError(
      'ENABLED_TOOLS and DISABLED_TOOLS are both set. Set only one: ENABLED_TOOLS to allow a list, or DISABLED_TOOLS to hide a list.',
    );
  }
  return result;
}

/** Values that must never appear in logs, errors or answers. */
export function secretsOf(config: Config): string[] {
  return [config.token, config.testrLlmApiKey].filter((s): s is string => Boolean(s && s.length >= 4));
}
