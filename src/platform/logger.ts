/**
 * winston, every level to stderr (stdout is the MCP protocol), secrets redacted in one format.
 */
import winston from 'winston';
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

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Returns the current secrets; a function so secrets learned later (sandbox token) count too. */
  secrets: () => readonly string[];
  /** Defaults to process.stderr; tests pass their own stream. */
  stream?: NodeJS.WritableStream;
}

const SPLAT = Symbol.for('splat');

export function createLogger(options: LoggerOptions): Logger {
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
  const transport = new winston.transports.Stream({ stream: options.stream ?? process.stderr });
  const logger = winston.createLogger({
    levels: LEVELS,
    level: options.level.toLowerCase(),
    format: winston.format.combine(
      redact(),
      winston.format.timestamp(),
      options.format === 'json' ? winston.format.json() : text,
    ),
    transports: [transport],
    exitOnError: false,
  });
  return logger as unknown as Logger;
}

/** A logger that drops everything; for tools/call-style commands and tests that do not care. */
export function createSilentLogger(): Logger {
  const logger = winston.createLogger({ levels: LEVELS, silent: true, transports: [new winston.transports.Console({ silent: true })] });
  return logger as unknown as Logger;
}
