/**
 * Serves the tools: answers tools/list (title, description, schemas, annotations, built as the
 * SDK's McpServer would) and tools/call itself, so that argument validation, progress,
 * cancellation, result rendering and error formatting happen in exactly one place for every tool.
 * A tool listed from the tool index is imported on its first call, or earlier by `warmUp`.
 *
 * The registry is built once per process: definitions, zod schemas and JSON listings are prepared
 * once and shared. `bind(mcp, caller)` only installs the two request handlers on one server (one
 * connection, or one request in stateless HTTP), so a new server costs a few closures.
 */
import { setMaxListeners } from 'node:events';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { CallToolRequestSchema, CallToolResultSchema, ElicitResultSchema, ListToolsRequestSchema, type CallToolResult, type ClientCapabilities, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from './caller.js';
import { ConfirmationTokens, createConfirmation, type Confirmation, type Elicit, type SharedTokenStore } from './confirmation.js';
import type { SharedRedis } from './shared-redis.js';
import { createCallContext, type AppContainer } from './container.js';
import type { AnyToolDefinition } from './define-tool.js';
import { errorResult, toolErrorResult, validationErrorResult } from './format-error.js';
import type { Logger } from './logger.js';
import { loadPlugin, type LoadedTool } from './plugin-loader.js';
import { AnswerMemo, type AnswerKey } from './answer-memo.js';
import { serializedOf } from './serialized-answer.js';
import { isCallToolResult, normaliseResult } from './render.js';
import { displayCopy } from './untrusted-text.js';
import { toolListing, toolSchemas, type ToolSchemas } from './tool-listing.js';
import { compareNames } from './name-order.js';

interface PreparedTool extends ToolSchemas {
  definition: AnyToolDefinition;
}

interface ServedTool {
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
  // Finished answers by tool, arguments and value, shared by every server (./answer-memo.ts).
  const memo = new AnswerMemo();
  // Each call's own controller, aborted by the client's cancel or the shutdown. Cheaper per call
  // than AbortSignal.any (weak references and a finalization registry, a visible GC cost).
  const controllers = new Set<AbortController>();
  deps.shutdownSignal.addEventListener('abort', () => {
    for (const controller of controllers) controller.abort(deps.shutdownSignal.reason);
  }, { once: true });

  async function handleCall(caller: Caller, name: string, rawArgs: unknown, signal: AbortSignal, progressToken: string | number | undefined, send: (n: never) => Promise<void>, elicit?: Elicit): Promise<CallToolResult> {
    const configured = deps.secrets();
    // The caller's own token is a secret too (on the team server it is not in the config).
    const secrets = caller.testioToken && caller.testioToken.length >= 4 ? [...configured, caller.testioToken] : configured;
    const result = await answerCall(caller, name, rawArgs, signal, progressToken, send, secrets, elicit);
    // A repeated answer from the memo was checked when it was kept; every other one is checked here.
    if (serializedOf(result) !== undefined || CallToolResultSchema.safeParse(result).success) return result;
    deps.logger.error(`Tool ${name} returned a result that is not a valid tools/call result`);
    return errorResult(`${name} produced a malformed answer (a bug in the tool). The server is still running; please report this.`, secrets);
  }

  async function answerCall(caller: Caller, name: string, rawArgs: unknown, signal: AbortSignal, progressToken: string | number | undefined, send: (n: never) => Promise<void>, secrets: readonly string[], elicit?: Elicit): Promise<CallToolResult> {
    const entry = served.get(name);
    if (!entry || (caller.tools && !caller.tools.has(name))) {
      return errorResult(`Unknown tool "${name}". Available tools: ${[...namesFor(caller)].join(', ')}.`, secrets);
    }
    let tool: PreparedTool;
    try {
      tool = await ready(entry);
    } catch (error) {
      return errorResult(`The ${name} tool could not be loaded (${(error as Error).message}). The server is still running; reinstall testio-mcp or run npm run build.`, secrets);
    }
    const args = rawArgs ?? {};
    const parsed = tool.input.safeParse(args);
    if (!parsed.success) return validationErrorResult(parsed.error, args, Object.keys(tool.input.shape), secrets);

    const controller = new AbortController();
    const callSignal = controller.signal;
    // A report fans out into many requests that all listen to this signal: not a leak.
    setMaxListeners(0, callSignal);
    const cancel = () => controller.abort(signal.reason);
    if (deps.shutdownSignal.aborted) controller.abort(deps.shutdownSignal.reason);
    else if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
    controllers.add(controller);
    const started = performance.now();
    const finished = (outcome: string) => deps.onToolCall?.({ tool: name, caller, outcome, ms: performance.now() - started });
    const ctx = createCallContext(deps.container, {
      caller,
      signal: callSignal,
      toolName: name,
      confirmation: confirmationFor(caller, name, callSignal, elicit),
      progress: async (done, total, message) => {
        if (progressToken === undefined || callSignal.aborted) return;
        await send({ method: 'notifications/progress', params: { progressToken, progress: done, total, message } } as never).catch(() => undefined);
      },
    });
    try {
      await deps.loadServices();
      const value = await tool.definition.handler(parsed.data, ctx);
      const picturesOn = Boolean(tool.definition.pictures && ctx.config.charts);
      // A structured value: the same data again (a cached call) reuses its finished answer.
      const structured = typeof value === 'object' && value !== null && !isCallToolResult(value) ? (value as Record<string, unknown>) : undefined;
      const key: AnswerKey | undefined = structured && { tool: name, scope: `${caller.tenantId}\u0000${caller.userId}`, args: JSON.stringify(parsed.data), secrets, pictures: picturesOn };
      const kept = key && memo.get(key, structured!);
      if (kept) {
        deps.logger.debug(`Tool ${name} answered (same data as a recent call)`, { ms: Math.round(performance.now() - started) });
        finished('ok');
        return kept;
      }
      const shown = displayCopy(parsed.data);
      const render = tool.definition.render ? (out: Record<string, unknown>) => tool.definition.render!(out as never, shown as never) : undefined;
      const pictures = picturesOn ? (out: Record<string, unknown>) => tool.definition.pictures!(out as never, shown as never) : undefined;
      const json = structured && JSON.stringify(structured);
      const result = normaliseResult(value, render, secrets, pictures, json);
      if (tool.output && !result.isError) {
        const checked = tool.output.safeParse(result.structuredContent);
        if (!checked.success) {
          deps.logger.error(`Tool ${name} returned data that does not match its outputSchema`, { issues: checked.error.issues.slice(0, 5) });
          finished('internal');
          return errorResult(`${name} produced a malformed answer (a bug in the tool). The server is still running; please report this.`, secrets);
        }
      }
      // Kept only when checked and nothing in the value needed redacting (structuredContent is the value itself).
      if (key && json !== undefined && !result.isError && result.structuredContent === structured) memo.set(key, json, result);
      deps.logger.debug(`Tool ${name} answered`, { ms: Math.round(performance.now() - started), isError: Boolean(result.isError) });
      finished(result.isError ? 'error' : 'ok');
      return result;
    } catch (error) {
      const kind = (error as { toolErrorKind?: string }).toolErrorKind;
      deps.logger[kind ? 'info' : 'error'](`Tool ${name} failed`, { error: error instanceof Error ? error.message : String(error), ms: Math.round(performance.now() - started) });
      finished(kind ?? 'internal');
      return toolErrorResult(error, name, secrets);
    } finally {
      controllers.delete(controller);
      signal.removeEventListener('abort', cancel);
    }
  }

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
      for (const tool of served.values()) await ready(tool).catch(() => undefined);
    },
    inFlight: () => running.size,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
