/**
 * The preamble every run shares, step runs and explorer runs alike: not started when already
 * cancelled, the target URL checked, the browser session opened. Any of these failing ends the
 * run before the browser did anything (every step skipped, nothing charged).
 */
import { isToolError } from '../../platform/errors.js';
import type { EngineRunOutcome, EngineRunRequest } from './contract.js';
import { earlyFailure } from './outcome.js';
import { openSession, type RunSession } from './run-session.js';
import { failureMessage } from './timing.js';
import { checkTargetUrl } from './url-safety.js';

/** A user-facing message: a tool error with its hint, else the first line of the error. */
export function messageOf(error: unknown): string {
  if (isToolError(error)) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return failureMessage(error);
}

/** The open session, or the outcome of a run that could not start. */
export async function startRun(request: EngineRunRequest, stepTexts: string[]): Promise<{ session: RunSession } | { outcome: EngineRunOutcome }> {
  if (request.signal.aborted) return { outcome: earlyFailure(request, stepTexts, 'The run was cancelled before it started.', 'cancelled') };
  try {
    await checkTargetUrl(request.targetUrl, { blockPrivateNetworks: request.options.blockPrivateNetworks });
    return { session: await openSession(request) };
  } catch (error) {
    if (request.signal.aborted) return { outcome: earlyFailure(request, stepTexts, 'The run was cancelled before it started.', 'cancelled') };
    return { outcome: earlyFailure(request, stepTexts, messageOf(error)) };
  }
}
