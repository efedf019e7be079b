/**
 * What a tool handler receives: the container's cradle (config, logger, services; resolved lazily
 * on first access, so the browser or database load only when a tool asks for them) plus the
 * call's own signal and progress reporter.
 */
import type { TestioCradle } from '../testio/register.js';
import type { TestrCradle } from '../testr/register.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/** Sends an MCP progress notification when the client asked for progress; otherwise a no-op. */
export type ProgressFn = (done: number, total?: number, message?: string) => Promise<void>;

export interface PlatformCradle {
  config: Config;
  logger: Logger;
  /** The package version, for health checks and --version. */
  version: string;
}

export interface CallCradle {
  /** Aborted when the client cancels the call or the server shuts down. */
  signal: AbortSignal;
  progress: ProgressFn;
  toolName: string;
}

export type AppCradle = PlatformCradle & TestioCradle & TestrCradle;
export type ToolContext = AppCradle & CallCradle;
