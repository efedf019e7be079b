/**
 * With DATABASE_URL a team server executes queued Testr runs too (unless TESTR_WORKER_CONCURRENCY
 * is 0), and /readyz checks the database: the Testr service opens at start, not at the first call,
 * so its workers take jobs before any client connects.
 */
import type { App } from '../platform/app.js';
import type { Config } from '../platform/config.js';
import type { TestrService } from '../testr/service.js';

const testrService = (app: App) =>
  app.container.hasRegistration('testrService') ? (app.container.cradle as unknown as { testrService: TestrService }).testrService : undefined;

export async function startTestrWorkers(app: App, config: Config): Promise<void> {
  if (!config.databaseUrl) return;
  await app.ready();
  testrService(app)?.warmUp();
}

/** 'ok' / 'down' for /readyz; 'off' without DATABASE_URL. */
export function databaseState(app: App, config: Config): () => Promise<'ok' | 'down' | 'off'> {
  return async () => {
    if (!config.databaseUrl) return 'off';
    const service = testrService(app);
    if (!service) return 'down';
    return (await service.databaseAnswers()) ? 'ok' : 'down';
  };
}
