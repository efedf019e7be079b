/**
 * `testio-mcp serve --http`: the team server. Prints `MCP_URL=...` on stdout once listening (logs
 * stay on stderr). Without keys it serves loopback only. SIGTERM/SIGINT drain: /readyz 503, no
 * new sessions, in-flight calls finish, exit 0.
 */
import { ConfigError } from '../../platform/config.js';
import { assembleTeamServer } from '../../http/assemble.js';
import { isLoopbackHost } from '../../http/hygiene.js';
import { KeyStore } from '../../http/keys/key-store.js';
import type { ParsedCli } from '../args.js';
import type { Runtime } from '../runtime.js';
import { exitOnSignals } from '../shutdown.js';

const DRAIN_MS = 25_000;

export async function serveHttp(runtime: Runtime, cli: ParsedCli): Promise<void> {
  const { config, logger, sandbox } = runtime;
  const port = cli.httpFlags.port === undefined ? config.httpPort : Number(cli.httpFlags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`--port must be a whole number from 0 to 65535 (got ${JSON.stringify(cli.httpFlags.port)}).`);
  const host = cli.httpFlags.host ?? config.httpHost;
  const keys = new KeyStore(config.keysFile);
  if (!keys.hasKeys() && !isLoopbackHost(host)) {
    throw new ConfigError(`Refusing to serve on ${host} without API keys: anyone who reaches it could use your TestIO token. Create a key first (testio-mcp keys add --user NAME; keys file ${config.keysFile}), or serve on 127.0.0.1.`);
  }

  const { app, server, close } = await assembleTeamServer({ config, logger, host, port });
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection', { error: String(reason) }));
  process.on('uncaughtException', (error) => logger.critical('Uncaught exception', { error: error.message }));
  process.stdout.write(`MCP_URL=${server.url}\n`);
  logger.info(`testio-mcp ${app.version} team server listening`, { url: server.url, keys: keys.list().filter((k) => !k.revokedAt).length, tools: app.registry.names.length });

  exitOnSignals({
    logger,
    hardExitMs: DRAIN_MS + 5_000,
    announce: (why) => logger.info(`Draining (${why})`, { inFlight: app.registry.inFlight() }),
    close: () => close(DRAIN_MS).then(() => sandbox?.close()),
  });
}
