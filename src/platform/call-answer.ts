/**
 * Answering one tools/call: the caller's tool, its arguments validated, a context, the handler,
 * then the answer rendered, redacted, capped and checked against the outputSchema (or the kept
 * answer of the same data again, ./answer-memo.ts), and every failure as one formatted error.
 * Loaded by the registry on the first call or the warm-up, not at start-up.
 */
import { setMaxListeners } from 'node:events';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AnswerMemo, type AnswerKey } from './answer-memo.js';
import type { Caller } from './caller.js';
import type { Confirmation, Elicit } from './confirmation.js';
import { createCallContext } from './container.js';
import { errorResult, toolErrorResult, validationErrorResult } from './format-error.js';
import type { PreparedTool, RegistryDeps, ServedTool } from './registry.js';
import { isCallToolResult, normaliseResult } from './render.js';
import { serializedOf } from './serialized-answer.js';
import { displayCopy } from './untrusted-text.js';

export type CallAnswerer = (caller: Caller, name: string, rawArgs: unknown, signal: AbortSignal, progressToken: string | number | undefined, send: (n: never) => Promise<void>, elicit?: Elicit) => Promise<CallToolResult>;

export interface CallAnswererParts {
  deps: RegistryDeps;
  served: ReadonlyMap<string, ServedTool>;
  ready(tool: ServedTool): Promise<PreparedTool>;
  namesFor(caller: Caller): ReadonlySet<string>;
  confirmationFor(caller: Caller, toolName: string, signal: AbortSignal, elicit?: Elicit): Confirmation;
}

/** What the caller sees when a tool's answer fails the outputSchema or is no tools/call result. */
const malformedAnswer = (name: string, secrets: readonly string[]) =>
  errorResult(`${name} produced a malformed answer (a bug in the tool). The server is still running; please report this.`, secrets);

export function createCallAnswerer({ deps, served, ready, namesFor, confirmationFor }: CallAnswererParts): CallAnswerer {
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
    return malformedAnswer(name, secrets);
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
          return malformedAnswer(name, secrets);
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

  return handleCall;
}
