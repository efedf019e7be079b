/**
 * Registers tools on the McpServer (title, description, schemas, annotations for tools/list) and
 * answers tools/call itself, so that argument validation, progress, cancellation, result rendering
 * and error formatting happen in exactly one place for every tool.
 */
import { setMaxListeners } from 'node:events';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z, type ZodObject, type ZodRawShape } from 'zod';
import { createCallContext, type AppContainer } from './container.js';
import type { AnyToolDefinition } from './define-tool.js';
import { errorResult, toolErrorResult, validationErrorResult } from './format-error.js';
import type { Logger } from './logger.js';
import { isZodObject } from './plugin-shape.js';
import { normaliseResult } from './render.js';

interface PreparedTool {
  definition: AnyToolDefinition;
  input: ZodObject<ZodRawShape>;
  output?: ZodObject<ZodRawShape>;
}

const asObject = (schema: ZodRawShape | ZodObject<ZodRawShape>): ZodObject<ZodRawShape> =>
  isZodObject(schema) ? schema : z.object(schema as ZodRawShape);

export interface RegistryDeps {
  container: AppContainer;
  logger: Logger;
  secrets: () => readonly string[];
  /** Aborted at shutdown; every call's signal follows it. */
  shutdownSignal: AbortSignal;
}

export interface ToolRegistry {
  names: string[];
  /** Calls still running, for a graceful shutdown. */
  inFlight(): number;
  idle(): Promise<void>;
}

export function registerTools(mcp: McpServer, tools: AnyToolDefinition[], deps: RegistryDeps): ToolRegistry {
  const prepared = new Map<string, PreparedTool>();
  for (const definition of [...tools].sort((a, b) => a.name.localeCompare(b.name))) {
    const input = asObject(definition.inputSchema).strict();
    const output = definition.outputSchema ? asObject(definition.outputSchema) : undefined;
    prepared.set(definition.name, { definition, input, output });
    mcp.registerTool(
      definition.name,
      {
        title: definition.title,
        description: definition.description,
        inputSchema: input,
        outputSchema: output,
        annotations: { title: definition.title, ...definition.annotations },
      },
      // Never called: tools/call is answered by handleCall below.
      () => errorResult('unreachable'),
    );
  }

  const running = new Set<Promise<CallToolResult>>();

  async function handleCall(name: string, rawArgs: unknown, signal: AbortSignal, progressToken: string | number | undefined, send: (n: never) => Promise<void>): Promise<CallToolResult> {
    const secrets = deps.secrets();
    const tool = prepared.get(name);
    if (!tool) return errorResult(`Unknown tool "${name}". Available tools: ${[...prepared.keys()].join(', ')}.`, secrets);
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
    names: [...prepared.keys()],
    inFlight: () => running.size,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
