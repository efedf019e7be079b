/**
 * Building run outcomes and reporting steps, shared by step runs and explorer runs.
 */
import type { EngineRunOutcome, EngineRunRequest, StepResult } from './contract.js';
import type { RunSession } from './run-session.js';

/**
 * Records a step and calls the service's progress callback (whose failures must not break the
 * run). Values typed into password fields are masked in the step's text, match and error.
 */
export function report(request: EngineRunRequest, steps: StepResult[], raw: StepResult, secrets?: ReadonlySet<string>): void {
  const result = secrets?.size ? maskResult(raw, secrets) : raw;
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

const SECRET_FIELD = /pass(word|code|phrase)|secret|\bpin\b/i;
const HIDDEN = '••••••';

/** Every occurrence of a typed password replaced, whatever language the step around it is in. */
export function maskSecrets(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  // Longest first, so a password that contains another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 3) out = out.split(secret).join(HIDDEN);
  }
  return out;
}

function maskResult(result: StepResult, secrets: ReadonlySet<string>): StepResult {
  const masked: StepResult = { ...result, stepText: maskSecrets(result.stepText, secrets) };
  if (result.matched !== undefined) masked.matched = maskSecrets(result.matched, secrets);
  if (result.error !== undefined) masked.error = maskSecrets(result.error, secrets);
  return masked;
}

/**
 * Step text with the typed value hidden when the step is about a password-like field: the GIF
 * masks password fields, so its captions must not spell the value out either.
 */
export function hideSecretValues(stepText: string): string {
  if (!SECRET_FIELD.test(stepText)) return stepText;
  return stepText
    .replace(/(["'“‘])(.*?)(["'”’])/g, (quoted, open: string, inner: string, close: string) => (SECRET_FIELD.test(inner) ? quoted : `${open}${HIDDEN}${close}`))
    .replace(/^(\s*(?:type|enter|input|fill in)\s+)(?!["'“‘])(\S+)(?=\s+(?:into|in)\b)/i, `$1${HIDDEN}`)
    .replace(/(\bwith\s+)(?!["'“‘]|a generated)(\S.*)$/i, `$1${HIDDEN}`);
}

/** The caption of the frame taken after a step: "Step 2 of 5 · passed · Click "Sign Up"". */
export function stepCaption(result: StepResult | undefined, total: number | undefined, noun = 'Step'): string | undefined {
  if (!result) return undefined;
  const position = total ? `${noun} ${result.stepNumber} of ${total}` : `${noun} ${result.stepNumber}`;
  const text = hideSecretValues(result.stepText);
  const outcome = result.status === 'failed' ? `FAILED · ${text}${result.error ? ` · ${result.error}` : ''}` : `${result.status} · ${text}`;
  return `${position} · ${outcome}`;
}

export function timeoutMessage(session: RunSession): string {
  return `The run exceeded its time limit of ${Math.round(session.runTimeoutMs / 1000)} s and was stopped.`;
}
