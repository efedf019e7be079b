/**
 * The background sync: every TESTIO_SYNC_INTERVAL_MINUTES (default 60 in HTTP mode, none on
 * stdio), an incremental sync of every tenant this process has seen, plus the server's own token.
 * A tenant already syncing is skipped this round; a failure is logged and tried next round. Its
 * setting and last run show in get_server_diagnostics.
 */
import type { App } from '../platform/app.js';
import { localCaller } from '../platform/caller.js';
import { errorText } from '../platform/errors.js';
import type { AnalyticsInternalCradle } from './register.js';
import { syncIntervalMs } from './settings.js';

export interface BackgroundSync {
  /** One round now (what the timer runs); resolves when every tenant's sync ended. */
  runOnce(): Promise<void>;
  stop(): void;
}

export interface BackgroundSyncOptions {
  app: Pick<App, 'container' | 'ready'>;
  httpMode: boolean;
  /** Overrides the interval (tests). */
  intervalMs?: number;
}

export function startBackgroundSync({ app, httpMode, intervalMs }: BackgroundSyncOptions): BackgroundSync {
  const { config, logger } = app.container.cradle;
  const every = intervalMs ?? syncIntervalMs(config.syncIntervalMinutes, httpMode);
  const stopped = new AbortController();
  let round: Promise<void> | undefined;

  const runOnce = async () => {
    await app.ready();
    const { analyticsTenants } = app.container.cradle as unknown as AnalyticsInternalCradle;
    analyticsTenants.background.interval_minutes = Math.round(every / 60_000);
    analyticsTenants.background.last_run_at = new Date().toISOString();
    if (config.token) analyticsTenants.forCaller(localCaller(config.token));
    for (const tenant of analyticsTenants.list()) {
      if (stopped.signal.aborted) return;
      if (tenant.busy()) continue;
      try {
        await tenant.sync({ signal: stopped.signal });
      } catch (error) {
        if (!stopped.signal.aborted) logger.warning('Background sync failed', { tenantId: tenant.tenantId, error: errorText(error) });
      }
    }
  };

  if (every <= 0) return { runOnce, stop: () => stopped.abort() };
  void app.ready().then(() => {
    (app.container.cradle as unknown as AnalyticsInternalCradle).analyticsTenants.background.interval_minutes = Math.round(every / 60_000);
  });
  const timer = setInterval(() => {
    round ??= runOnce().finally(() => (round = undefined));
  }, every);
  timer.unref();
  return {
    runOnce,
    stop: () => {
      clearInterval(timer);
      stopped.abort(new Error('The server is shutting down.'));
    },
  };
}
