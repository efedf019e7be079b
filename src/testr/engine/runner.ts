/**
 * Step mode: open the target URL, perform each step in order, record a frame after each. The
 * first failing step fails the run and the rest are skipped. Credits: steps attempted.
 */
import type { EngineRunOutcome, EngineRunRequest, StepResult } from './contract.js';
import { navigateTo, performAction } from './actions.js';
import { earlyFailure, finishSession, maskSecrets, report, stepCaption, timeoutMessage } from './outcome.js';
import { whileResponsive } from './responsive.js';
import { startRun } from './run-start.js';
import type { RunSession } from './run-session.js';
import { baselineFor, checkAppeared, planBaselines, type Baselines } from './appears.js';
import type { StepAction } from './step-types.js';
import { describeProblem, isProblem, readSteps, STEP_FORMS_HINT } from './steps.js';
import { failureMessage } from './timing.js';

/** Parses every step up front, so a bad step fails the run before the browser starts. */
function parseAll(texts: string[]): { actions: StepAction[][] } | { index: number; error: string } {
  const read = readSteps(texts);
  const problem = read.find(isProblem);
  if (problem) return { index: problem.stepNumber - 1, error: `${describeProblem(problem)} ${STEP_FORMS_HINT}` };
  return { actions: read.map((r) => (isProblem(r) ? [] : r.actions)) };
}

export async function runSteps(request: EngineRunRequest, texts: string[]): Promise<EngineRunOutcome> {
  const parsed = parseAll(texts);
  if ('error' in parsed) {
    const outcome = earlyFailure(request, texts, parsed.error);
    const failed = outcome.steps[parsed.index];
    if (failed) Object.assign(failed, { status: 'failed', error: parsed.error });
    return { ...outcome, failedStep: parsed.index + 1 };
  }
  const started = await startRun(request, texts);
  if ('outcome' in started) return started.outcome;
  return runInSession(request, started.session, texts, parsed.actions);
}

/** Performs one step's actions in order; "appears" checks compare against their baseline. */
async function performStep(session: RunSession, plan: StepAction[], first: number, flat: StepAction[], baselines: Baselines): Promise<string | undefined> {
  const matched: string[] = [];
  for (const [j, action] of plan.entries()) {
    const index = first + j;
    const act = async (): Promise<string | undefined> => {
      await baselineFor(session.actions, flat, index, baselines);
      const next = flat[index + 1];
      session.actions.expectedStatus = next?.kind === 'verify_status' && next.status >= 400 ? next.status : undefined;
      checkAppeared(action, index, baselines);
      const result = await performAction(action, session.actions);
      await session.followNewTab();
      return result.matched;
    };
    // A page that locks its script fails the step here, not at the run's time limit.
    const result = await whileResponsive(() => session.page, session.actions.actionTimeoutMs, session.actions.signal, act());
    if (result) matched.push(result);
  }
  session.actions.expectedStatus = undefined;
  return matched.length ? matched.join('; ') : undefined;
}

async function runInSession(request: EngineRunRequest, session: RunSession, texts: string[], actions: StepAction[][]): Promise<EngineRunOutcome> {
  const steps: StepResult[] = [];
  let status: EngineRunOutcome['status'] = 'completed';
  let error: string | undefined;
  let failedStep: number | undefined;
  let attempted = 0;

  try {
    await navigateTo(session.actions, request.targetUrl);
  } catch (e) {
    status = session.abortReason() === 'cancelled' ? 'cancelled' : 'failed';
    error = status === 'cancelled' ? 'The run was cancelled.' : `Could not open the target URL ${request.targetUrl}: ${failureMessage(e)}`;
  }
  await session.recorder.capture(session.page, error ?? `Opened ${request.targetUrl}`);
  const flat = actions.flat();
  const baselines = planBaselines(flat);
  if (!error) await baselineFor(session.actions, flat, -1, baselines);
  let first = 0;

  for (const [i, plan] of actions.entries()) {
    const start = first;
    first += plan.length;
    const stepNumber = i + 1;
    const stepText = texts[i] ?? '';
    if (status !== 'completed' || session.abortReason()) {
      report(request, steps, { stepNumber, stepText, status: 'skipped', durationMs: 0 }, session.actions.secrets);
      continue;
    }
    const started = Date.now();
    try {
      attempted++;
      const matched = await performStep(session, plan, start, flat, baselines);
      const why = session.abortReason();
      if (why) throw new Error(why);
      report(request, steps, { stepNumber, stepText, status: 'passed', durationMs: Date.now() - started, ...(matched ? { matched } : {}) }, session.actions.secrets);
    } catch (e) {
      const why = session.abortReason();
      if (why === 'cancelled') {
        // An interrupted step is not charged; it and the rest are reported skipped.
        attempted--;
        status = 'cancelled';
        error = 'The run was cancelled.';
        report(request, steps, { stepNumber, stepText, status: 'skipped', durationMs: Date.now() - started, error }, session.actions.secrets);
        continue;
      }
      status = 'failed';
      failedStep = stepNumber;
      error = why === 'timeout' ? timeoutMessage(session) : failureMessage(e);
      report(request, steps, { stepNumber, stepText, status: 'failed', durationMs: Date.now() - started, error }, session.actions.secrets);
    }
    await session.recorder.capture(session.page, stepCaption(steps.at(-1), actions.length));
  }
  // Stopped between steps (or while opening the target URL): the steps left were skipped above.
  const stopped = session.abortReason();
  if (stopped && (status === 'completed' || failedStep === undefined)) {
    status = stopped === 'cancelled' ? 'cancelled' : 'failed';
    error = stopped === 'cancelled' ? 'The run was cancelled.' : timeoutMessage(session);
  }

  const recording = await finishSession(request, session);
  return {
    status,
    steps,
    creditsUsed: attempted,
    ...(failedStep !== undefined ? { failedStep } : {}),
    ...(error !== undefined ? { error: maskSecrets(error, session.actions.secrets) } : {}),
    ...recording,
  };
}
