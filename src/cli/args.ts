/**
 * Command-line parsing (node:util parseArgs). Setting flags come from the merged SETTINGS table
 * of the composition root (src/areas.ts), so --help, validation and the config share one source of truth.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SETTINGS } from '../areas.js';
import { ConfigError } from '../platform/config.js';

export const COMMANDS = ['serve', 'tools', 'call', 'sandbox', 'help'] as const;
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
}

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
  if (command !== 'call' && rest.length > 0) {
    throw new ConfigError(`Unknown command "${rest[0]}". Commands: ${COMMANDS.join(', ')}. Run "testio-mcp --help".`);
  }
  const flags: Record<string, string | undefined> = {};
  for (const s of settingFlags) {
    const value = values[s.flag as string];
    if (value !== undefined) flags[s.flag as string] = String(value);
  }
  const sandboxFlags: ParsedCli['sandboxFlags'] = {};
  for (const name of SANDBOX_FLAGS) {
    if (values[name] !== undefined) sandboxFlags[name] = String(values[name]);
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

Flags:
  -h, --help                                 this help
  -v, --version                              print the version
  --env-file <path>                          read variables from this file (default .env in the working directory)
${flagRows.join('\n')}
  --json                                     (tools, call) print JSON

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
