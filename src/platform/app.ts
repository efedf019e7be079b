/**
 * Builds the whole server from a config: container, discovered and filtered tools, McpServer.
 * Used by every entry point (stdio serve, `tools`, `call`, tests), so they all behave alike.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { secretsOf, type Config } from './config.js';
import { createAppContainer, loadServices, type AppContainer } from './container.js';
import type { Logger } from './logger.js';
import { packageVersion } from './package-info.js';
import { discoverTools, type LoadedTool, type PluginFailure } from './plugin-loader.js';
import { registerTools, type ToolRegistry } from './registry.js';
import { filterToolNames } from './tool-filter.js';
import { registerTestrResources, TESTR_RESOURCE_TOOLS } from '../testr/resources.js';

export const SERVER_INSTRUCTIONS = `testio-mcp answers questions about TestIO crowdtesting (products, test cycles, bugs) and runs Testr browser tests.
Start with list_products or list_tests to find ids; get_test_status for one test; get_test_bugs to page through bugs (see get_valid_bug_filters); generate_status_report for several tests.
Dates accept natural language such as "last 30 days" or "Q4 2024". Testr: create-test-definition, then start-test-run, then poll get-test-run-status.`;

export interface App {
  mcp: McpServer;
  container: AppContainer;
  registry: ToolRegistry;
  tools: LoadedTool[];
  failures: PluginFailure[];
  version: string;
  /** Resolves once the services are registered (the first call does this by itself). */
  ready(): Promise<void>;
  /** Background preloading of what the first calls need; for after the handshake. */
  warmUp(): void;
  /** Lets in-flight calls finish (up to graceMs), cancels the rest, then releases every resource. */
  close(graceMs?: number): Promise<void>;
}

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Plugin folders to scan instead of the package's plugins/ (tests). */
  pluginDirs?: string[];
}

export async function createApp({ config, logger, pluginDirs }: AppOptions): Promise<App> {
  const version = packageVersion();
  const discovered = await discoverTools({ dirs: pluginDirs, extraDirs: config.pluginDirs, logger });
  const allowed = filterToolNames(
    discovered.tools.map((t) => t.name),
    config.enabledTools,
    config.disabledTools,
  );
  const tools = discovered.tools.filter((t) => allowed.has(t.name));

  const container = createAppContainer(config, logger, version);
  const shutdown = new AbortController();
  const mcp = new McpServer(
    { name: 'testio-mcp', title: 'TestIO MCP', version },
    { capabilities: { tools: {}, resources: {}, logging: {} }, instructions: SERVER_INSTRUCTIONS },
  );
  const registry = registerTools(
    mcp,
    tools,
    { container, logger, secrets: () => secretsOf(config), shutdownSignal: shutdown.signal },
  );
  if (TESTR_RESOURCE_TOOLS.some((name) => allowed.has(name))) registerTestrResources(mcp, container);
  logger.debug(`Serving ${tools.length} tools`, { tools: registry.names, skipped: discovered.failures.length });

  let closing: Promise<void> | undefined;
  const close = (graceMs = 2_000) =>
    (closing ??= (async () => {
      const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([registry.idle(), timer]);
      shutdown.abort(new Error('The server is shutting down.'));
      await Promise.race([registry.idle(), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      await mcp.close().catch(() => undefined);
      await container.dispose().catch((error: Error) => logger.warning('Error while releasing resources', { error: error.message }));
    })());

  const ready = () => loadServices(container);
  // What the first call would otherwise load while the user waits: the services, the HTTP stack,
  // the cache and the tools listed from the tool index.
  const warmUp = () => {
    ready()
      .then(() => {
        container.cradle.testioHttp.warmUp();
        container.cradle.testioCache.warmUp();
        return registry.warmUp();
      })
      .catch((error: Error) => logger.error('Warm-up failed', { error: error.message }));
  };

  return { mcp, container, registry, tools, failures: discovered.failures, version, ready, warmUp, close };
}
