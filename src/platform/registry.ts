/**
 * Serves the tools: answers tools/list (title, description, schemas, annotations, built as the
 * SDK's McpServer would) and tools/call itself, so that argument validation, progress,
 * cancellation, result rendering and error formatting happen in exactly one place for every tool
 * (./call-answer.ts, loaded on the first call). A tool listed from the tool index is imported on
 * its first call, or earlier by `warmUp`.
 *
 * The registry is built once per process: definitions, zod schemas and JSON listings are prepared
 * once and shared. `bind(mcp, caller)` only installs the two request handlers on one server (one
 * connection, or one request in stateless HTTP), so a new server costs a few closures.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { CallToolRequestSchema, ElicitResultSchema, ListToolsRequestSchema, type CallToolResult, type ClientCapabilities, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from './caller.js';
import { ConfirmationTokens, createConfirmation, type Confirmation, type Elicit, type SharedTokenStore } from './confirmation.js';
import type { SharedRedis } from './shared-redis.js';
import type { AppContainer } from './container.js';
import type { AnyToolDefinition } from './define-tool.js';
import type { Logger } from './logger.js';
import { loadPlugin, type LoadedTool } from './plugin-loader.js';
import type { CallAnswerer } from './call-answer.js';
import { toolListing, toolSchemas, type ToolSchemas } from './tool-listing.js';
import { compareNames } from './name-order.js';

export interface PreparedTool extends ToolSchemas {
  definition: AnyToolDefinition;
}

export interface ServedTool {
  source: LoadedTool;
  ready?: PreparedTool;
  loading?: Promise<PreparedTool>;
  listing?: Tool;
}

export interface RegistryDeps {
  container: AppContainer;
  logger: Logger;
  secrets: () => readonly string[];
  /** Aborted at shutdown; every call's signal follows it. */
  shutdownSignal: AbortSignal;
  /** Registers the areas' services (once; later calls share the promise). */
  loadServices: () => Promise<void>;
  /** Told of every finished call (metrics): tool, caller, outcome, duration. */
  onToolCall?: (event: ToolCallEvent) => void;
}

export interface ToolCallEvent {
  tool: string;
  caller: Caller;
  /** 'ok', or the error kind ('invalid_input', 'not_found', 'upstream'... 'internal'). */
  outcome: string;
  ms: number;
}

export interface ToolRegistry {
  names: string[];
  /** What tools/list answers, sorted by name (for a caller with its own tool list, only those). */
  listings(caller?: Caller): Tool[];
  /** The tools this caller may list and call. */
  namesFor(caller: Caller): ReadonlySet<string>;
  /** Answers tools/list and tools/call on this server for this caller. */
  /**
   * `clientCapabilities`: what the client declared at initialize when this server did not see that
   * initialize (one server per HTTP request); otherwise the server's own handshake decides.
   */
  bind(mcp: McpServer, caller: Caller, options?: BindOptions): void;
  /** Imports the tools not imported yet (from the tool index), one at a time, in the background. */
  warmUp(): Promise<void>;
  /** A confirmation outside a tool call (no elicitation: tokens only), for contextFor. */
  confirmationFor(caller: Caller, toolName: string, signal: AbortSignal): Confirmation;
  /** Calls still running, for a graceful shutdown. */
  inFlight(): number;
  idle(): Promise<void>;
}

export interface BindOptions {
  clientCapabilities?: ClientCapabilities;
}

/** A person answers an elicitation: give them time (the SDK's default request timeout is 60 s). */
const ELICIT_TIMEOUT_MS = 10 * 60_000;

/** Confirmation tokens in Redis (`<prefix>:confirm:<hash>`) when REDIS_URL is set, so every replica knows them. */
function sharedTokens(redis: SharedRedis): SharedTokenStore | undefined {
  if (!redis.enabled) return undefined;
  const key = (hash: string) => redis.key('confirm', hash);
  return {
    get: async (hash) => {
      const client = await redis.client();
      return redis.attempt(() => client.get(key(hash)));
    },
    set: async (hash, value, ttlMs) => {
      const client = await redis.client();
      return redis.attempt(() => client.set(key(hash), value, { PX: ttlMs }));
    },
    del: async (hash) => {
      const client = await redis.client();
      return redis.attempt(() => client.del(key(hash)));
    },
  };
}

const prepare = (definition: AnyToolDefinition): PreparedTool => ({ definition, ...toolSchemas(definition) });

export function createToolRegistry(tools: LoadedTool[], deps: RegistryDeps): ToolRegistry {
  const served = new Map<string, ServedTool>();
  for (const source of [...tools].sort((a, b) => compareNames(a.name, b.name))) {
    served.set(source.name, { source, ready: source.definition && prepare(source.definition), listing: source.listing });
  }

  /** The tool ready to call; imports it first when it came from the tool index. */
  function ready(tool: ServedTool): Promise<PreparedTool> {
    if (tool.ready) return Promise.resolve(tool.ready);
    tool.loading ??= loadPlugin(tool.source.file)
      .then((checked) => {
        // The shape check also holds the tool to its folder's name, which is the name it is listed under.
        if (!checked.ok) throw new Error(checked.reason);
        return (tool.ready = prepare(checked.definition));
      })
      .catch((error: Error) => {
        deps.logger.error(`Tool ${tool.source.name} could not be loaded from ${tool.source.file}: ${error.message}`, { file: tool.source.file });
        throw error;
      });
    return tool.loading;
  }

  // Built on the first tools/list and shared by every server afterwards.
  let allListings: Tool[] | undefined;
  const listAll = () => (allListings ??= [...served.values()].map((tool) => (tool.listing ??= toolListing(tool.ready!.definition, tool.ready))));
  const listings = (caller?: Caller) => (caller?.tools ? listAll().filter((tool) => caller.tools!.has(tool.name)) : listAll());
  const allNames: ReadonlySet<string> = new Set(served.keys());
  const namesFor = (caller: Caller): ReadonlySet<string> => (caller.tools ? new Set([...served.keys()].filter((name) => caller.tools!.has(name))) : allNames);

  // One-time confirmation tokens, shared by every server of this process.
  const confirmationTokens = new ConfirmationTokens(Date.now, () => sharedTokens(deps.container.cradle.sharedRedis));
  const confirmationFor = (caller: Caller, toolName: string, signal: AbortSignal, elicit?: Elicit) =>
    createConfirmation({ tokens: confirmationTokens, caller, toolName, logger: deps.logger, signal, elicit });

  const running = new Set<Promise<CallToolResult>>();
  // Answering a call (validation, rendering, redaction, the answer memo, error formatting) loads
  // on the first call or the warm-up: start-up to the first tools/list needs none of it.
  let answerer: Promise<CallAnswerer> | undefined;
  const answering = () => (answerer ??= import('./call-answer.js').then(({ createCallAnswerer }) => createCallAnswerer({ deps, served, ready, namesFor, confirmationFor })));
  const handleCall: CallAnswerer = async (...args) => (await answering())(...args);

  function bind(mcp: McpServer, caller: Caller, options: BindOptions = {}): void {
    // As McpServer.registerTool would: the tools capability, then our own handlers for both methods.
    mcp.server.registerCapabilities({ tools: { listChanged: true } });
    mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listings(caller) }));
    const canElicit = () => Boolean((options.clientCapabilities ?? mcp.server.getClientCapabilities())?.elicitation);
    // Installed with the SDK's base Protocol method, which validates the request once. The Server
    // class's override wraps tools/call to validate the request a second time and to parse the
    // result into a copy; handleCall checks the result instead (the copy would also lose the JSON a
    // repeated answer carries, ./serialized-answer.ts).
    Protocol.prototype.setRequestHandler.call(mcp.server, CallToolRequestSchema, (request, extra) => {
      // Asks the user through this connection's client, when it declared the elicitation capability.
      // As a request related to the tool call: over HTTP it goes out on that call's response stream.
      const elicit: Elicit = (params, signal) =>
        extra.sendRequest({ method: 'elicitation/create', params: { mode: 'form', ...params } } as never, ElicitResultSchema, { signal, timeout: ELICIT_TIMEOUT_MS });
      const call = handleCall(caller, request.params.name, request.params.arguments, extra.signal, request.params._meta?.progressToken, extra.sendNotification as never, canElicit() ? elicit : undefined);
      running.add(call);
      void call.finally(() => running.delete(call));
      return call;
    });
  }

  return {
    names: [...served.keys()],
    listings,
    namesFor,
    bind,
    confirmationFor: (caller, toolName, signal) => confirmationFor(caller, toolName, signal),
    warmUp: async () => {
      await answering();
      for (const tool of served.values()) await ready(tool).catch(() => undefined);
    },
    inFlight: () => running.size,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
