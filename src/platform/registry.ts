/**
 * Serves the tools: answers tools/list (title, description, schemas, annotations, built as the
 * SDK's McpServer would) and tools/call itself, so that argument validation, progress,
 * cancellation, result rendering and error formatting happen in exactly one place for every tool.
 * A tool listed from the tool index is imported on its first call, or earlier by `warmUp`.
 */
import { setMaxListeners } from 'node:events';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { createCallContext, loadServices, type AppContainer } from './container.js';
import type { AnyToolDefinition } from './define-tool.js';
import { errorResult, toolErrorResult, validationErrorResult } from './format-error.js';
import type { Logger } from './logger.js';
import { loadPlugin, type LoadedTool } from './plugin-loader.js';
import { normaliseResult } from './render.js';
import { toolListing, toolSchemas, type ToolSchemas } from './tool-listing.js';

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
}

export interface ToolRegistry {
  names: string[];
  /** What tools/list answers, sorted by name. */
  listings(): Tool[];
  /** Imports the tools not imported yet (from the tool index), one at a time, in the background. */
  warmUp(): Promise<void>;
  /** Calls still running, for a graceful shutdown. */
  inFlight(): number;
  idle(): Promise<void>;
}

const prepare = (definition: AnyToolDefinition): PreparedTool => ({ definition, ...toolSchemas(definition) });

export function registerTools(mcp: McpServer, tools: LoadedTool[], deps: RegistryDeps): ToolRegistry {
  const served = new Map<string, ServedTool>();
  for (const source of [...tools].sort((a, b) => a.name.localeCompare(b.name))) {
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

  const listings = () =>
    [...served.values()].map((tool) => (tool.listing ??= toolListing(tool.ready!.definition, tool.ready)));

  // As McpServer.registerTool would: the tools capability, then our own handlers for both methods.
  mcp.server.registerCapabilities({ tools: { listChanged: true } });
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listings() }));

  const running = new Set<Promise<CallToolResult>>();

  async function handleCall(name: string, rawArgs: unknown, signal: AbortSignal, progressToken: string | number | undefined, send: (n: never) => Promise<void>): Promise<CallToolResult> {
    const secrets = deps.secrets();
    const entry = served.get(name);
    if (!entry) return errorResult(`Unknown tool "${name}". Available tools: ${[...served.keys()].join(', ')}.`, secrets);
    let tool: PreparedTool;
    try {
      tool = await ready(entry);
    } catch (error) {
      return errorResult(`The ${name} tool could not be loaded (${(error as Error).message}). The server is still running; reinstall testio-mcp or run npm run build.`, secrets);
    }
    const args = rawArgs ?? {};
    const parsed = tool.input.safeParse(args);
    if (!parsed.success) return validationErrorResult(parsed.error, args, Object.keys(tool.input.shape), secrets);

    const callSignal = AbortSignal.any([signal, deps.shutdownSignal]);
    // A report fans out into many requests that all listen to this signal: not a leak.
    setMaxListeners(0, callSignal);
    const started = performance.now();
    const ctx = createCallContext(deps.container, {
      signal: callSignal,
      toolName: name,
      progress: async (done, total, message) => {
        if (progressToken === undefined || callSignal.aborted) return;
        await send({ method: 'notifications/progress', params: { progressToken, progress: done, total, message } } as never).catch(() => undefined);
      },
    });
    try {
      await loadServices(deps.container);
      const value = await tool.definition.handler(parsed.data, ctx);
      const render = tool.definition.render ? (out: Record<string, unknown>) => tool.definition.render!(out as never, parsed.data as never) : undefined;
      const result = normaliseResult(value, render, secrets);
      if (tool.output && !result.isError) {
        const checked = tool.output.safeParse(result.structuredContent);
        if (!checked.success) {
          deps.logger.error(`Tool ${name} returned data that does not match its outputSchema`, { issues: checked.error.issues.slice(0, 5) });
          return errorResult(`${name} produced a malformed answer (a bug in the tool). The server is still running; please report this.`, secrets);
        }
      }
      deps.logger.debug(`Tool ${name} answered`, { ms: Math.round(performance.now() - started), isError: Boolean(result.isError) });
      return result;
    } catch (error) {
      const level = (error as { toolErrorKind?: string }).toolErrorKind ? 'info' : 'error';
      deps.logger[level](`Tool ${name} failed`, { error: error instanceof Error ? error.message : String(error), ms: Math.round(performance.now() - started) });
      return toolErrorResult(error, name, secrets);
    }
  }

  mcp.server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const call = handleCall(request.params.name, request.params.arguments, extra.signal, request.params._meta?.progressToken, extra.sendNotification as never);
    running.add(call);
    void call.finally(() => running.delete(call));
    return call;
  });

  return {
    names: [...served.keys()],
    listings,
    warmUp: async () => {
      for (const tool of served.values()) await ready(tool).catch(() => undefined);
    },
    inFlight: () => running.size,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
