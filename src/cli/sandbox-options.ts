/** Validates the sandbox flags (--port, --host, --latency-ms, --fault-rate, --seed). */
import { ConfigError } from '../platform/config.js';
import type { ParsedCli } from './args.js';

export interface SandboxFlagValues {
  port?: number;
  host?: string;
  latencyMs?: number;
  faultRate?: number;
  seed?: number;
}

function number(flag: string, raw: string | undefined, min: number, max: number, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`Invalid --${flag}: must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${JSON.stringify(raw)}).`);
  }
  return value;
}

export function sandboxOptions(flags: ParsedCli['sandboxFlags']): SandboxFlagValues {
  const host = flags.host?.trim();
  if (flags.host !== undefined && !host) throw new ConfigError('Invalid --host: give an address such as 127.0.0.1.');
  return {
    port: number('port', flags.port, 0, 65_535, true),
    host,
    latencyMs: number('latency-ms', flags['latency-ms'], 0, 60_000, true),
    faultRate: number('fault-rate', flags['fault-rate'], 0, 1, false),
    seed: number('seed', flags.seed, 0, 2 ** 31 - 1, true),
  };
}
