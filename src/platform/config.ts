/**
 * One validated configuration, built from CLI flags > environment > env file > defaults.
 * Every setting is declared once in a settings table: the platform's own (PLATFORM_SETTINGS, here)
 * and each area's (its `settings`); the composition root (src/areas.ts) merges them, and the CLI
 * help, the `.env.example` test and error messages read the merged table, so a new setting is one
 * entry. An area adds its keys to `Config` by declaration merging (`declare module`).
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

/** The platform's settings; each area adds its own keys here by declaration merging. */
export interface Config {
  logLevel: LogLevel;
  logFormat: LogFormat;
  enabledTools?: string[];
  disabledTools?: string[];
  /** The toolsets served (TOOLSETS); undefined: every toolset not off by default. */
  toolsets?: string[];
  /** Serve only tools whose readOnlyHint is true. */
  readOnly: boolean;
  pluginDirs: string[];
  /** Serve against the built-in sandbox API; the CLI fills in the area settings it needs. */
  sandbox: boolean;
  /** Pictures (charts) as image blocks after the text of the tools that draw them. */
  charts: boolean;
  /** Shared state for several replicas (cache, sessions, rate limits); unset: memory only. */
  redisUrl?: string;
  /** Starts every Redis key and channel, so several deployments can share one Redis. */
  redisKeyPrefix: string;
  /** PostgreSQL for the areas' stores (Testr, analytics); unset: SQLite files under the data dirs. */
  databaseUrl?: string;
  httpPort: number;
  httpHost: string;
  allowedHosts?: string[];
  allowedOrigins?: string[];
  publicUrl?: string;
  /** Signs the team server's expiring links (recordings); unset: a random secret kept next to the keys file. */
  linkSecret?: string;
  linkTtlSeconds: number;
  keysFile: string;
  sessionTtlSeconds: number;
  rateLimitPerMinute: number;
}

/** Thrown for a bad flag, variable or env file; the CLI prints the message and exits 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type Parser<T> = (raw: string) => T;

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

export const intIn =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const result = z.coerce.number().int().min(min).max(max).safeParse(raw.trim() === '' ? NaN : raw);
    if (!result.success) throw new Error(`must be a whole number from ${min} to ${max}`);
    return result.data;
  };

export const oneOf =
  <T extends string>(values: readonly T[], normalise: (s: string) => string): Parser<T> =>
  (raw) => {
    const value = normalise(raw.trim()) as T;
    if (!values.includes(value)) throw new Error(`must be one of ${values.join(', ')}`);
    return value;
  };

export const optionalText: Parser<string | undefined> = (raw) => raw.trim() || undefined;

export const bool: Parser<boolean> = (raw) => {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
  throw new Error('must be true or false');
};

/** A URL of one of these schemes ("an http(s) URL"), or an error that says so. */
function parseUrl(value: string, protocols: readonly string[], kind: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`must be ${kind} URL such as ${example}`);
  }
  if (!protocols.includes(url.protocol)) throw new Error(`must be ${kind} URL`);
  return url;
}

export const httpUrl: Parser<string> = (raw) => {
  const value = raw.trim().replace(/\/+$/, '');
  const url = parseUrl(value, ['http:', 'https:'], 'an http(s)', 'https://api.test.io/customer/v2');
  if (url.username || url.password) throw new Error('must not contain credentials');
  return value;
};

/** A signing secret: empty means unset; otherwise at least 32 characters, so it cannot be guessed. */
function linkSecret(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (value.length < 32) throw new Error('must be at least 32 characters (e.g. openssl rand -hex 32)');
  return value;
}

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

export const pathList: Parser<string[]> = (raw) =>
  raw
    .split(new RegExp(`[,${path.delimiter === ';' ? ';' : ':'}]`))
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => path.resolve(item));

export const upper = (s: string) => s.toUpperCase();
export const lower = (s: string) => s.toLowerCase();

export function spec<K extends keyof Config>(s: SettingSpec<K>): SettingSpec<K> {
  return s;
}

/** The platform's own settings; areas bring theirs (src/areas.ts merges the tables). */
const redisUrl: Parser<string | undefined> = (raw) => {
  const value = raw.trim();
  if (!value) return undefined;
  parseUrl(value, ['redis:', 'rediss:'], 'a redis:// or rediss://', 'redis://127.0.0.1:6379');
  return value;
};

const databaseUrl: Parser<string | undefined> = (raw) => {
  const value = raw.trim();
  if (!value) return undefined;
  parseUrl(value, ['postgres:', 'postgresql:'], 'a postgres:// or postgresql://', 'postgres://user@127.0.0.1:5432/testio');
  return value;
};

const keyPrefix: Parser<string> = (raw) => {
  const value = raw.trim();
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) throw new Error('must be 1-64 letters, digits, dots, dashes or underscores');
  return value;
};

export const PLATFORM_SETTINGS: SettingSpec[] = [
  spec({ key: 'logLevel', flag: 'log-level', env: 'LOG_LEVEL', default: 'INFO', allowed: LOG_LEVELS.join('|'), describe: 'Log level (logs go to stderr)', parse: oneOf(LOG_LEVELS, upper) }),
  spec({ key: 'logFormat', flag: 'log-format', env: 'LOG_FORMAT', default: 'json', allowed: LOG_FORMATS.join('|'), describe: 'Log line format', parse: oneOf(LOG_FORMATS, lower) }),
  spec({ key: 'enabledTools', env: 'ENABLED_TOOLS', describe: 'Only these tools (comma list or JSON array)', parse: parseNameList }),
  spec({ key: 'disabledTools', env: 'DISABLED_TOOLS', describe: 'All tools but these (comma list or JSON array)', parse: parseNameList }),
  spec({ key: 'toolsets', env: 'TOOLSETS', describe: 'Only the tools of these toolsets (comma list; default all but testio-write): testio, testio-analytics, testio-write, testr, admin, custom', parse: parseNameList }),
  spec({ key: 'readOnly', env: 'READ_ONLY', default: false, allowed: 'true|false', describe: 'Serve only read-only tools (readOnlyHint true): no tool changes anything', parse: bool }),
  spec({ key: 'pluginDirs', env: 'PLUGIN_DIRS', default: [], describe: 'Extra folders scanned for */tool.ts|js', parse: pathList }),
  spec({ key: 'charts', env: 'CHARTS', default: true, allowed: 'true|false', describe: 'Charts as image blocks after the text of reports and runs', parse: bool }),
  spec({ key: 'redisUrl', env: 'REDIS_URL', describe: 'Redis shared by every replica: answer cache, sessions, rate limits (unset: memory only)', parse: redisUrl, secret: true }),
  spec({ key: 'redisKeyPrefix', env: 'REDIS_KEY_PREFIX', default: 'testio-mcp', describe: 'Prefix of every Redis key and channel (deployments sharing one Redis)', parse: keyPrefix }),
  spec({ key: 'databaseUrl', env: 'DATABASE_URL', describe: 'PostgreSQL for the Testr and analytics stores (unset: SQLite files under the data dirs)', parse: databaseUrl, secret: true }),
  spec({ key: 'httpPort', env: 'MCP_HTTP_PORT', default: 3000, allowed: '0-65535', describe: 'Port of the team server (serve --http; --port wins; 0 picks a free one)', parse: intIn(0, 65_535) }),
  spec({ key: 'httpHost', env: 'MCP_HTTP_HOST', default: '127.0.0.1', describe: 'Address the team server binds (serve --http; --host wins)', parse: (raw) => raw.trim() || '127.0.0.1' }),
  spec({ key: 'allowedHosts', env: 'MCP_ALLOWED_HOSTS', describe: 'Host header names the team server answers (DNS-rebinding protection; comma list)', parse: parseNameList }),
  spec({ key: 'allowedOrigins', env: 'MCP_ALLOWED_ORIGINS', describe: 'Browser origins allowed to call the team server, with CORS (comma list)', parse: parseNameList }),
  spec({ key: 'publicUrl', env: 'MCP_PUBLIC_URL', describe: 'Base URL clients reach the team server at (links such as recordings)', parse: (raw) => (raw.trim() ? httpUrl(raw) : undefined) }),
  spec({ key: 'linkSecret', env: 'MCP_LINK_SECRET', describe: 'Secret that signs recording links (gif_url); the same on every replica (unset: a random one in link-secret next to the keys file)', parse: (raw) => linkSecret(raw), secret: true }),
  spec({ key: 'linkTtlSeconds', env: 'MCP_LINK_TTL_SECONDS', default: 3_600, allowed: '60-604800', describe: 'Seconds a signed recording link (gif_url) stays valid', parse: intIn(60, 604_800) }),
  spec({ key: 'keysFile', env: 'TESTIO_MCP_KEYS_FILE', default: path.join(homedir(), '.testio-mcp', 'keys.json'), describe: 'API keys file of the team server (hashes only)', parse: (raw) => path.resolve(raw.trim()) }),
  spec({ key: 'sessionTtlSeconds', env: 'MCP_SESSION_TTL_SECONDS', default: 86_400, allowed: '1-31536000', describe: 'Seconds a team-server session stays valid after initialize', parse: intIn(1, 31_536_000) }),
  spec({ key: 'rateLimitPerMinute', env: 'RATE_LIMIT_PER_MINUTE', default: 100, allowed: '1-1000000', describe: 'Requests per minute per API key (per client address without keys)', parse: intIn(1, 1_000_000) }),
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

/** Keys of every secret setting loaded so far (from every table given to loadConfigFrom). */
const secretKeys = new Set<keyof Config>();

/** Builds the configuration from a settings table (the composition root passes the merged one). */
export function loadConfigFrom(settings: readonly SettingSpec[], sources: ConfigSources = {}): Config {
  for (const setting of settings) if (setting.secret) secretKeys.add(setting.key);
  const cwd = sources.cwd ?? process.cwd();
  const env = sources.env ?? process.env;
  const flags = sources.flags ?? {};
  const fileEnv = readEnvFile(sources.envFile, cwd);
  const config: Record<string, unknown> = {};

  for (const setting of settings) {
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

/** Values that must never appear in logs, errors or answers: every setting marked secret. */
export function secretsOf(config: Config): string[] {
  return [...secretKeys].map((key) => config[key]).filter((s): s is string => typeof s === 'string' && s.length >= 4);
}
