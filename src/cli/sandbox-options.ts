/** Validates the sandbox flags (--port, --host, --latency-ms, --fault-rate, --seed, --size). */
import { ConfigError } from '../platform/config.js';
import { SANDBOX_SIZES, type SandboxSize } from '../sandbox/sizes.js';
import type { ParsedCli } from './args.js';

export interface SandboxFlagValues {
  port?: number;
  host?: string;
  latencyMs?: number;
  faultRate?: number;
  seed?: number;
  size?: SandboxSize;
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
  const size = flags.size?.trim();
  if (size !== undefined && !Object.hasOwn(SANDBOX_SIZES, size)) {
    throw new ConfigError(`Invalid --size: must be one of ${Object.keys(SANDBOX_SIZES).join(', ')} (got ${JSON.stringify(flags.size)}).`);
  }
  return {
    size: size as SandboxSize | undefined,
    port: number('port', flags.port, 0, 65_535, true),
    host,
    latencyMs: number('latency-ms', flags['latency-ms'], 0, 60_000, true),
    faultRate: number('fault-rate', flags['fault-rate'], 0, 1, false),
    seed: number('seed', flags.seed, 0, 2 ** 31 - 1, true),
  };
}
