/**
 * Command-line parsing (node:util parseArgs). Setting flags come from the merged SETTINGS table
 * of the composition root (src/areas.ts), so --help, validation and the config share one source of truth.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SETTINGS } from '../areas.js';
import { ConfigError } from '../platform/config.js';

export const COMMANDS = ['serve', 'worker', 'tools', 'call', 'sandbox', 'keys', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];

const settingFlags = SETTINGS.filter((s) => s.flag);

const OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  'env-file': { type: 'string' },
  json: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  'latency-ms': { type: 'string' },
  'fault-rate': { type: 'string' },
  seed: { type: 'string' },
  size: { type: 'string' },
  http: { type: 'boolean' },
  user: { type: 'string' },
  tools: { type: 'string' },
  toolsets: { type: 'string' },
  credits: { type: 'string' },
  'token-stdin': { type: 'boolean' },
  ...Object.fromEntries(settingFlags.map((s) => [s.flag as string, { type: s.key === 'sandbox' ? 'boolean' : 'string' } as OptionSpec])),
};

export const SANDBOX_FLAGS = ['port', 'host', 'latency-ms', 'fault-rate', 'seed', 'size'] as const;

export interface ParsedCli {
  command: Command;
  positionals: string[];
  help: boolean;
  version: boolean;
  json: boolean;
  envFile?: string;
  /** Setting flags by flag name, as strings (booleans as 'true'). */
  settingFlags: Record<string, string | undefined>;
  sandboxFlags: Partial<Record<(typeof SANDBOX_FLAGS)[number], string>>;
  /** serve --http: the team server; --port/--host then mean its address. */
  http: boolean;
  httpFlags: { port?: string; host?: string };
  /** keys add --token-stdin: the key's TestIO token comes on stdin. */
  tokenStdin: boolean;
  /** keys add: --user, --tools, --toolsets, --credits. */
  keyFlags: Partial<Record<(typeof KEY_FLAGS)[number], string>>;
}

export const KEY_FLAGS = ['user', 'tools', 'toolsets', 'credits'] as const;

export function parseCli(argv: string[]): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new ConfigError(`${message}. Run "testio-mcp --help" to see every flag.`);
  }
  const { values, positionals } = parsed;
  const first = positionals[0];
  const command = (first && (COMMANDS as readonly string[]).includes(first) ? first : 'serve') as Command;
  const rest = first === command ? positionals.slice(1) : positionals;
  if (command !== 'call' && command !== 'keys' && rest.length > 0) {
    throw new ConfigError(`Unknown command "${rest[0]}". Commands: ${COMMANDS.join(', ')}. Run "testio-mcp --help".`);
  }
  const flags: Record<string, string | undefined> = {};
  for (const s of settingFlags) {
    const value = values[s.flag as string];
    if (value !== undefined) flags[s.flag as string] = String(value);
  }
  const http = Boolean(values.http);
  if (http && command !== 'serve') throw new ConfigError('--http only applies to "testio-mcp serve".');
  const httpFlags: ParsedCli['httpFlags'] = {};
  const sandboxFlags: ParsedCli['sandboxFlags'] = {};
  for (const name of SANDBOX_FLAGS) {
    if (values[name] === undefined) continue;
    if (http && (name === 'port' || name === 'host')) httpFlags[name] = String(values[name]);
    else sandboxFlags[name] = String(values[name]);
  }
  const keyFlags: ParsedCli['keyFlags'] = {};
  for (const name of KEY_FLAGS) {
    if (values[name] === undefined) continue;
    if (command !== 'keys') throw new ConfigError(`--${name} only applies to "testio-mcp keys add".`);
    keyFlags[name] = String(values[name]);
  }
  if (Object.keys(sandboxFlags).length > 0 && command !== 'sandbox' && !values.sandbox) {
    const name = Object.keys(sandboxFlags)[0];
    throw new ConfigError(`--${name} only applies to "testio-mcp sandbox" or together with --sandbox.`);
  }
  return {
    command: values.help ? 'help' : command,
    positionals: rest,
    help: Boolean(values.help),
    version: Boolean(values.version),
    json: Boolean(values.json),
    envFile: values['env-file'] as string | undefined,
    settingFlags: flags,
    sandboxFlags,
    http,
    httpFlags,
    keyFlags,
    tokenStdin: Boolean(values['token-stdin']),
  };
}

export function helpText(version: string): string {
  const flagRows = settingFlags.map((s) => {
    const flag = s.key === 'sandbox' ? `--${s.flag}` : `--${s.flag} ${s.allowed ? `<${s.allowed}>` : '<value>'}`;
    const def = s.default !== undefined && s.key !== 'sandbox' ? ` (default ${String(s.default)}; env ${s.env})` : '';
    return `  ${flag.padEnd(42)} ${s.describe}${def}`;
  });
  return `testio-mcp ${version}: TestIO and Testr tools for AI assistants (Model Context Protocol)

Usage:
  testio-mcp [serve] [flags]            MCP server on stdio (what Claude Desktop, Cursor... start)
  testio-mcp --sandbox                  the same, against a built-in demo API (no token needed)
  testio-mcp sandbox [sandbox flags]    the sandbox Customer API alone, on loopback
  testio-mcp tools [--json]             the enabled tools, one a line
  testio-mcp call TOOL ['<json args>'] [--json]   run one tool and print its answer
  testio-mcp serve --http [--port N] [--host H]   the team server: Streamable HTTP at /mcp (default 127.0.0.1:3000)
  testio-mcp worker                     executes queued Testr runs (DATABASE_URL; TESTR_WORKER_CONCURRENCY at once); no MCP endpoint
  testio-mcp keys add --user NAME [--tools a,b] [--toolsets x,y] [--credits N]
                                        create an API key (printed once; the key's TestIO token, if any,
                                        is read from TESTIO_MCP_KEY_TOKEN or stdin with --token-stdin)
  testio-mcp keys list | keys revoke KEY_ID       manage API keys (TESTIO_MCP_KEYS_FILE)

Flags:
  -h, --help                                 this help
  -v, --version                              print the version
  --env-file <path>                          read variables from this file (default .env in the working directory)
${flagRows.join('\n')}
  --json                                     (tools, call, keys list) print JSON

Sandbox flags (with "sandbox" or --sandbox):
  --port <0-65535>                           port to listen on; 0 picks a free one (default 0)
  --host <address>                           address to bind (default 127.0.0.1)
  --latency-ms <0-60000>                     delay every API answer (default 0)
  --fault-rate <0-1>                         share of API calls answered with 429/5xx (default 0)
  --seed <integer>                           data seed (default fixed)
  --size <default|large>                     dataset size; large: ~10,000 tests, ~200,000 bugs

Credentials are read only from the environment or the env file, never from flags:
  TESTIO_CUSTOMER_API_TOKEN   your TestIO Customer API token
See .env.example for every variable.`;
}
