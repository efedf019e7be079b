/**
 * What a tool handler receives: the platform's cradle (config, logger, version), every area's
 * services (resolved lazily on first access, so the browser or the database load only when a tool
 * asks for them) and the call's own caller, signal and progress reporter.
 *
 * The platform names no area: `AreaCradle` is empty here and each area adds what its tools may
 * use by declaration merging, in its own area module:
 *
 *   declare module '../platform/context.js' { interface AreaCradle { testStatusService: TestStatusService } }
 *
 * Only what a tool may touch goes there (services); an area's internals (its HTTP client, its
 * per-tenant registry) stay in the area's own cradle type.
 */
import type { Caller } from './caller.js';
import type { Config } from './config.js';
import type { Confirmation } from './confirmation.js';
import type { AppEvents } from './events.js';
import type { Logger } from './logger.js';
import type { SharedRedis } from './shared-redis.js';

/** Sends an MCP progress notification when the client asked for progress; otherwise a no-op. */
export type ProgressFn = (done: number, total?: number, message?: string) => Promise<void>;

/**
 * Links the server hands out and serves itself: the team server's signed, expiring recording links.
 * Absent on stdio and in the CLI (nothing would serve them there).
 */
export interface PublicLinks {
  /** A link to the recording of this user's run. */
  recordingUrl(runId: string, userId: string): string;
}

export interface PlatformCradle {
  config: Config;
  logger: Logger;
  /** The package version, for health checks and --version. */
  version: string;
  /** Redis shared by the replicas when REDIS_URL is set (`enabled` false otherwise). */
  sharedRedis: SharedRedis;
  /** In-process events between areas (events.ts). */
  appEvents: AppEvents;
  /** Set by the team server (see PublicLinks); undefined elsewhere. */
  publicLinks: PublicLinks | undefined;
}

/** Each area adds its tool-facing services here (declaration merging). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AreaCradle {}

export interface CallCradle {
  /** Who is asking: services resolve per-caller resources (TestIO tenant, Testr owner) from it. */
  caller: Caller;
  /** Aborted when the client cancels the call or the server shuts down. */
  signal: AbortSignal;
  progress: ProgressFn;
  toolName: string;
  /** Asks before a change (elicitation or a one-time token) and writes the audit line. */
  confirmation: Confirmation;
}

export type ToolContext = PlatformCradle & AreaCradle & CallCradle;
