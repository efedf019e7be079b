/**
 * `testio-mcp [serve]`: the MCP server on stdio. SIGINT, SIGTERM and the transport closing for any
 * reason (stdin EOF, a failed read or write) end it with exit code 0, letting in-flight calls
 * finish briefly, then cancelling them; the log says why.
 */
import { startBackgroundSync } from '../../analytics/background.js';
import { COMPOSITION } from '../../areas.js';
import { createApp } from '../../platform/app.js';
import { localCaller } from '../../platform/caller.js';
import type { Runtime } from '../runtime.js';
import { exitOnSignals } from '../shutdown.js';
import { GuardedStdioTransport } from '../stdio-transport.js';
import { keepYoungGenerationSmall } from '../young-generation.js';

const GRACE_MS = 2_000;
const HARD_EXIT_MS = 4_500;
const WARM_UP_DELAY_MS = 100;

export async function serve(runtime: Runtime): Promise<void> {
  const { config, logger, sandbox } = runtime;
  keepYoungGenerationSmall();
  const app = await createApp({ ...COMPOSITION, config, logger });
  // The local user with the configured token: what every call on this connection carries.
  const caller = localCaller(config.token);
  const mcp = app.createServer(caller);
  // Off on stdio unless TESTIO_SYNC_INTERVAL_MINUTES asks for it.
  const background = startBackgroundSync({ app, httpMode: false });

  // One bad handler or stray promise must never take the server down.
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection', { error: String(reason) }));
  process.on('uncaughtException', (error) => logger.critical('Uncaught exception', { error: error.message }));

  const stop = exitOnSignals({
    logger,
    hardExitMs: HARD_EXIT_MS,
    announce: (why) => logger.info(`Shutting down (${why})`, { inFlight: app.registry.inFlight() }),
    close: () => {
      background.stop();
      return app.close(GRACE_MS).then(() => sandbox?.close());
    },
  });
  const transport = new GuardedStdioTransport({ logger });
  void transport.ended.then((reason) => stop(`transport closed: ${reason}`));

  // Once the client has initialized (and usually listed the tools), load what calls need and say
  // hello: nothing on the way to the first tools/list answer waits for either.
  mcp.server.oninitialized = () =>
    setTimeout(() => {
      app.warmUp(caller);
      const client = mcp.server.getClientVersion();
      logger.info(`testio-mcp ${app.version} ready`, { client: client ? `${client.name} ${client.version}` : 'unknown', tools: app.registry.names, skippedPlugins: app.failures.length });
    }, WARM_UP_DELAY_MS).unref();
  await mcp.connect(transport);
  if (!transport.dispatchRequestsTo(mcp.server)) logger.debug('This MCP SDK has no request dispatcher to hand requests to; every message takes the SDK path');
}
