/**
 * winston, every level to stderr (stdout is the MCP protocol), secrets redacted in one format.
 *
 * winston loads on the first line actually written, and lines below the level never reach it:
 * a quiet server neither pays winston's start-up cost nor formats lines it would drop.
 */
import { createRequire } from 'node:module';
import type * as Winston from 'winston';
import type { LogFormat, LogLevel } from './config.js';
import { redactText, redactValue } from './redact.js';

export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warning(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  critical(message: string, meta?: Record<string, unknown>): void;
  child(meta: Record<string, unknown>): Logger;
}

const LEVELS = { critical: 0, error: 1, warning: 2, info: 3, debug: 4 } as const;
type Level = keyof typeof LEVELS;

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Returns the current secrets; a function so secrets learned later (sandbox token) count too. */
  secrets: () => readonly string[];
  /** Defaults to process.stderr; tests pass their own stream. */
  stream?: NodeJS.WritableStream;
}

const SPLAT = Symbol.for('splat');

function buildWinston(options: LoggerOptions): Winston.Logger {
  const winston = createRequire(import.meta.url)('winston') as typeof Winston;
  const redact = winston.format((info) => {
    const secrets = options.secrets();
    for (const key of Object.keys(info)) {
      if (key === 'level') continue;
      info[key] = key === 'message' && typeof info[key] === 'string' ? redactText(info[key] as string, secrets) : redactValue(info[key], secrets);
    }
    delete (info as Record<symbol, unknown>)[SPLAT];
    return info;
  });
  const text = winston.format.printf((info) => {
    const { level, message, timestamp, ...meta } = info as Record<string, unknown>;
    const extra = Object.keys(meta).length ? ` ${JSON.stringify(meta)}` : '';
    return `${timestamp as string} ${String(level).toUpperCase()} ${String(message)}${extra}`;
  });
  return winston.createLogger({
    levels: LEVELS,
    level: options.level.toLowerCase(),
    format: winston.format.combine(redact(), winston.format.timestamp(), options.format === 'json' ? winston.format.json() : text),
    transports: [new winston.transports.Stream({ stream: options.stream ?? process.stderr })],
    exitOnError: false,
  });
}

class LeveledLogger implements Logger {
  constructor(
    private readonly threshold: number,
    /** Builds (once) the winston logger this one writes through. */
    private readonly target: () => Winston.Logger,
    private readonly meta: Record<string, unknown> = {},
  ) {}

  debug(message: string, meta?: Record<string, unknown>): void {
    this.write('debug', message, meta);
  }
  info(message: string, meta?: Record<string, unknown>): void {
    this.write('info', message, meta);
  }
  warning(message: string, meta?: Record<string, unknown>): void {
    this.write('warning', message, meta);
  }
  error(message: string, meta?: Record<string, unknown>): void {
    this.write('error', message, meta);
  }
  critical(message: string, meta?: Record<string, unknown>): void {
    this.write('critical', message, meta);
  }

  child(meta: Record<string, unknown>): Logger {
    return new LeveledLogger(this.threshold, this.target, { ...this.meta, ...meta });
  }

  private write(level: Level, message: string, meta?: Record<string, unknown>): void {
    if (LEVELS[level] > this.threshold) return;
    this.target().log(level, message, { ...this.meta, ...meta });
  }
}

export function createLogger(options: LoggerOptions): Logger {
  let winston: Winston.Logger | undefined;
  return new LeveledLogger(LEVELS[options.level.toLowerCase() as Level], () => (winston ??= buildWinston(options)));
}

/** A logger that drops everything; for tests that do not care. */
export function createSilentLogger(): Logger {
  return new LeveledLogger(-1, () => {
    throw new Error('unreachable: the silent logger writes nothing');
  });
}
