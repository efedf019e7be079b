/**
 * Builds the server from a config and the composition root's areas. Used by every entry point
 * (stdio serve, `tools`, `call`, tests, benchmarks), so they all behave alike.
 *
 * Two levels, so that serving many connections (the team server over Streamable HTTP) is cheap:
 * - `createApp` runs once per process: configuration, the container with every area's services
 *   (registered on first use), the discovered and filtered tools with their schemas and listings.
 * - `app.createServer(caller, options?)` builds one McpServer bound to one caller: tools/list and tools/call
 *   handlers over the shared registry, and each area's resources and prompts. It prepares nothing
 *   again; connect it to a transport (`app.connect(transport, caller)` does both). Use one per
 *   stdio process or HTTP session, or one per request in stateless HTTP mode.
 *
 *   const app = await createApp({ ...COMPOSITION, config, logger });   // src/areas.ts
 *   await app.connect(new StdioServerTransport(), localCaller(config.token));
 *
 * Every tool call on that server carries the caller into its context (`ctx.caller`), from which
 * the areas resolve per-caller resources (the TestIO tenant, the Testr owner).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { mergeInstructions, type Area } from './area.js';
import type { Caller } from './caller.js';
import { secretsOf, type Config } from './config.js';
import { createAppContainer, createCallContext, loadAreas, type AppContainer } from './container.js';
import type { PublicLinks, ToolContext } from './context.js';
import type { Logger } from './logger.js';
import { packageVersion } from './package-info.js';
import { discoverTools, type LoadedTool, type PluginFailure } from './plugin-loader.js';
import { createToolRegistry, type BindOptions, type RegistryDeps, type ToolRegistry } from './registry.js';
import { selectTools, toolsForKey } from './toolsets.js';

export interface App {
  container: AppContainer;
  registry: ToolRegistry;
  tools: LoadedTool[];
  failures: PluginFailure[];
  version: string;
  instructions: string;
  /** The toolsets served (TOOLSETS, READ_ONLY and the settings that turn toolsets on). */
  toolsets: string[];
  /**
   * The served tools of these toolsets, for a key's `--toolsets` (the team server puts them in
   * `caller.tools`): inside what the server serves, never more. Unknown names throw a ConfigError.
   */
  toolsForToolsets(keyToolsets: readonly string[]): ReadonlySet<string>;
  /** One MCP server for one caller, sharing everything prepared; connect it to a transport. */
  createServer(caller: Caller, options?: BindOptions): McpServer;
  /** createServer + connect. */
  connect(transport: Transport, caller: Caller): Promise<McpServer>;
  /** A caller's context outside a tool call (resources, the CLI, tests), services registered. */
  contextFor(caller: Caller): Promise<ToolContext>;
  /** Resolves once the services are registered (the first call does this by itself). */
  ready(): Promise<void>;
  /** Background preloading of what the first calls of this caller need; for after the handshake. */
  warmUp(caller: Caller): void;
  /** Lets in-flight calls finish (up to graceMs), cancels the rest, closes every server, then releases every resource. */
  close(graceMs?: number): Promise<void>;
}

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** The composition root's areas (src/areas.ts). */
  areas: readonly Area[];
  /** The server instructions; by default the areas' lines. */
  instructions?: string;
  /** Plugin folders to scan instead of the package's plugins/ (tests). */
  pluginDirs?: string[];
  /** Told of every finished tool call (e.g. Prometheus metrics on the team server). */
  onToolCall?: RegistryDeps['onToolCall'];
  /** Links the server serves itself (the team server's recording links). */
  publicLinks?: PublicLinks;
}

export async function createApp({ config, logger, areas, instructions = mergeInstructions('', areas).trim(), pluginDirs, onToolCall, publicLinks }: AppOptions): Promise<App> {
  const version = packageVersion();
  const discovered = await discoverTools({ dirs: pluginDirs, extraDirs: config.pluginDirs, logger });
  const toolsetSpecs = areas.flatMap((area) => area.toolsets ?? []);
  const selection = selectTools(discovered.tools, toolsetSpecs, config, config);
  const tools = discovered.tools.filter((t) => selection.names.has(t.name));
  const toolsForToolsets = (keyToolsets: readonly string[]) => toolsForKey(discovered.tools, toolsetSpecs, selection.names, keyToolsets);

  const container = createAppContainer(config, logger, version, publicLinks);
  const shutdown = new AbortController();
  const ready = () => loadAreas(container, areas);
  const registry = createToolRegistry(tools, {
    container,
    logger,
    secrets: () => secretsOf(config),
    shutdownSignal: shutdown.signal,
    loadServices: ready,
    onToolCall,
  });
  logger.debug(`Serving ${tools.length} tools`, { tools: registry.names, skipped: discovered.failures.length });

  const contextFor = async (caller: Caller): Promise<ToolContext> => {
    await ready();
    return createCallContext(container, { caller, signal: shutdown.signal, progress: async () => undefined, toolName: '', confirmation: registry.confirmationFor(caller, '', shutdown.signal) });
  };

  const servers = new Set<McpServer>();
  const createServer = (caller: Caller, options?: BindOptions): McpServer => {
    const mcp = new McpServer(
      { name: 'testio-mcp', title: 'TestIO MCP', version },
      { capabilities: { tools: {}, resources: {}, logging: {} }, instructions },
    );
    registry.bind(mcp, caller, options);
    const served = registry.namesFor(caller);
    for (const area of areas) area.registerServer?.({ mcp, tools: served, caller, context: () => contextFor(caller) });
    servers.add(mcp);
    const onclose = mcp.server.onclose;
    mcp.server.onclose = () => {
      servers.delete(mcp);
      onclose?.();
    };
    return mcp;
  };

  const connect = async (transport: Transport, caller: Caller): Promise<McpServer> => {
    const mcp = createServer(caller);
    await mcp.connect(transport);
    return mcp;
  };

  let closing: Promise<void> | undefined;
  const close = (graceMs = 2_000) =>
    (closing ??= (async () => {
      const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([registry.idle(), timer]);
      shutdown.abort(new Error('The server is shutting down.'));
      await Promise.race([registry.idle(), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      await Promise.all([...servers].map((mcp) => mcp.close().catch(() => undefined)));
      await container.dispose().catch((error: Error) => logger.warning('Error while releasing resources', { error: error.message }));
    })());

  // What the first call would otherwise load while the user waits: the services, what each area
  // preloads (the HTTP stack, the cache) and the tools listed from the tool index.
  const warmUp = (caller: Caller) => {
    ready()
      .then(async () => {
        for (const area of areas) await area.warmUp?.(container, caller);
        return registry.warmUp();
      })
      .catch((error: Error) => logger.error('Warm-up failed', { error: error.message }));
  };

  return { container, registry, tools, failures: discovered.failures, version, instructions, toolsets: selection.toolsets, toolsForToolsets, createServer, connect, contextFor, ready, warmUp, close };
}
