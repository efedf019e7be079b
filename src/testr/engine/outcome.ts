/**
 * Building run outcomes and reporting steps, shared by step runs and explorer runs.
 */
import type { EngineRunOutcome, EngineRunRequest, StepResult } from './contract.js';
import type { RunSession } from './run-session.js';

/** Calls the service's progress callback; its failures must not break the run. */
export function report(request: EngineRunRequest, steps: StepResult[], result: StepResult): void {
  steps.push(result);
  try {
    request.onStep(result);
  } catch {
    // The store failing to record progress is the service's problem to log.
  }
}

/** A run that never reached the browser (bad URL, no Chromium): every step skipped. */
export function earlyFailure(request: EngineRunRequest, stepTexts: string[], error: string, status: 'failed' | 'cancelled' = 'failed'): EngineRunOutcome {
  const steps: StepResult[] = [];
  stepTexts.forEach((stepText, i) => report(request, steps, { stepNumber: i + 1, stepText, status: 'skipped', durationMs: 0 }));
  return { status, steps, creditsUsed: 0, error, frameCount: 0, consoleErrors: [], networkFailures: [] };
}

type SessionFields = Pick<EngineRunOutcome, 'gifPath' | 'frameCount' | 'consoleErrors' | 'networkFailures'>;

/** Writes the recording and closes the session; returns what the outcome reports of the session. */
export async function finishSession(request: EngineRunRequest, session: RunSession): Promise<SessionFields> {
  await session.close();
  const seen = { consoleErrors: [...session.watch.consoleErrors], networkFailures: [...session.watch.networkFailures] };
  try {
    const frameCount = await session.recorder.write(request.recordingPath);
    return frameCount > 0 ? { gifPath: request.recordingPath, frameCount, ...seen } : { frameCount: 0, ...seen };
  } catch {
    return { frameCount: 0, ...seen };
  }
}

export function timeoutMessage(session: RunSession): string {
  return `The run exceeded its time limit of ${Math.round(session.runTimeoutMs / 1000)} s and was stopped.`;
}
