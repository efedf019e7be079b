/**
 * The team server built from a configuration: the app with its tools, the keys file, the session
 * store and the rate limiter (in memory, or on Redis with REDIS_URL), the metrics, started on a
 * host and port. The one wiring used by `serve --http` and by the tests, so both run the same server.
 */
import { startBackgroundSync } from '../analytics/background.js';
import { COMPOSITION } from '../areas.js';
import { createApp, type App } from '../platform/app.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { areaFigures, runFigures } from './area-figures.js';
import { KeyStore } from './keys/key-store.js';
import { ServerMetrics } from './metrics.js';
import { linkSecret, RecordingLinks } from './recording-links.js';
import { readUserRecording } from './user-recording.js';
import type { SessionStore } from './sessions/session-store.js';
import { teamSharedState } from './shared-state.js';
import { databaseState, startTestrWorkers } from './testr-workers.js';
import { startTeamServer, type TeamServer } from './team-server.js';

export interface AssembledTeamServer {
  app: App;
  keys: KeyStore;
  sessions: SessionStore;
  server: TeamServer;
  /** Drains the listener (in-flight requests finish, up to drainMs), then releases everything. */
  close(drainMs: number): Promise<void>;
}

export interface AssembleOptions {
  config: Config;
  logger: Logger;
  host: string;
  port: number;
  /** Plugin folders to scan instead of the package's plugins/ (tests). */
  pluginDirs?: string[];
}

export async function assembleTeamServer({ config, logger, host, port, pluginDirs }: AssembleOptions): Promise<AssembledTeamServer> {
  const keys = new KeyStore(config.keysFile);
  const metrics = new ServerMetrics();
  // The links' base is MCP_PUBLIC_URL, else this server's own address once it listens.
  let baseUrl = config.publicUrl ?? '';
  const secret = linkSecret(config.linkSecret, config.keysFile, (message) => logger.warning(message));
  const links = new RecordingLinks(secret, () => baseUrl, config.linkTtlSeconds);
  // The areas sign with the same secret (paging tokens), so a token from one replica works on all.
  const appConfig: Config = { ...config, linkSecret: secret.toString('utf8') };
  const app = await createApp({ ...COMPOSITION, config: appConfig, logger, pluginDirs, onToolCall: metrics.toolCall, publicLinks: links });
  metrics.observeAreas(areaFigures(app));
  metrics.observeRuns(runFigures(app));
  const { sessions, limiter, status: sharedState, answerRelay } = await teamSharedState(app, config);
  metrics.watchRedis(sharedState);
  const server = await startTeamServer({
    app,
    logger,
    keys,
    sessions,
    limiter,
    sharedState,
    database: databaseState(app, config),
    answerRelay,
    metrics,
    hygiene: { host, allowedHosts: config.allowedHosts, allowedOrigins: config.allowedOrigins, publicUrl: config.publicUrl },
    port,
    sessionTtlSeconds: config.sessionTtlSeconds,
    serverToken: () => config.token,
    recordings: { links, read: readUserRecording(app) },
  });
  // Analytics: an incremental sync of every tenant seen, every TESTIO_SYNC_INTERVAL_MINUTES (default 60 here).
  const background = startBackgroundSync({ app, httpMode: true });
  baseUrl ||= server.url.replace(/\/mcp$/, '');
  await startTestrWorkers(app, config);
  return {
    app,
    keys,
    sessions,
    server,
    close: async (drainMs) => {
      background.stop();
      await server.drain(drainMs);
      await app.close(Math.min(drainMs, 2_000));
      await sessions.close();
    },
  };
}
