/**
 * `testio-mcp worker`: executes queued Testr runs from PostgreSQL (DATABASE_URL), up to
 * TESTR_WORKER_CONCURRENCY at once; no MCP endpoint. Takes part in the heartbeat leases like any
 * server (renews its runs, closes the runs of dead processes). SIGINT/SIGTERM: the runs executing
 * here are cancelled and refunded what they did not use, queued runs stay queued, exit 0.
 */
import { ConfigError } from '../../platform/config.js';
import { TestrService } from '../../testr/service.js';
import type { Runtime } from '../runtime.js';
import { exitOnSignals } from '../shutdown.js';

const HARD_EXIT_MS = 15_000;

export async function runWorker(runtime: Runtime): Promise<void> {
  const { config, logger } = runtime;
  if (!config.databaseUrl) throw new ConfigError('testio-mcp worker needs DATABASE_URL: it executes the Testr runs queued in PostgreSQL. Set DATABASE_URL=postgres://... (the same as the servers).');
  if (config.testrWorkerConcurrency < 1) throw new ConfigError('TESTR_WORKER_CONCURRENCY is 0: a worker with no runs to execute does nothing. Set it to 1 or more (default 5).');
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection', { error: String(reason) }));
  const service = new TestrService({ config, logger: logger.child({ area: 'testr' }) });
  await service.start();
  logger.info('testio-mcp worker ready', { concurrency: config.testrWorkerConcurrency, instance: service.instanceId });
  exitOnSignals({
    logger,
    hardExitMs: HARD_EXIT_MS,
    announce: (why) => logger.info(`Worker stopping (${why})`, { running: service.runningCount }),
    close: () => service.close(),
  });
}
