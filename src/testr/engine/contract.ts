/**
 * The contract between the Testr browser engine (src/testr/engine/*) and the Testr service and
 * store (src/testr/*.ts, src/testr/store/*). The service owns definitions, runs, credits and the
 * queue; the engine owns parsing steps, driving Chromium, exploring and recording.
 *
 * The service must import the engine lazily (`await import('./engine/index.js')`) so that
 * playwright-core is never loaded at server start.
 */

export type StepType = 'action' | 'verification';

/** One natural-language step, understood at definition time (no browser needed). */
export interface ParsedStep {
  /** The step text as the user wrote it. */
  text: string;
  /** What the runner will do, e.g. 'navigate', 'click', 'type', 'verify_text'. */
  kind: string;
  /** 'verification' when the text contains verify/check/ensure, else 'action'. */
  stepType: StepType;
  /** Human summary of what was understood, e.g. 'click the button "Sign Up"'. */
  summary: string;
}

export interface StepResult {
  /** 1-based. For explorer runs, one result per browser action. */
  stepNumber: number;
  stepText: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** What the step matched, e.g. 'button "Sign Up" (role)'. */
  matched?: string;
  error?: string;
}

export interface EngineOptions {
  /** CHROMIUM_PATH, or undefined to find the browser on the machine. */
  chromiumPath?: string;
  /** Refuse loopback and private addresses too (link-local/metadata are always refused). */
  blockPrivateNetworks: boolean;
  /** Per action, default 10 s. */
  actionTimeoutMs?: number;
  /** Whole run, default 5 min. */
  runTimeoutMs?: number;
  /** Optional OpenAI-compatible chooser for explorer runs. */
  llm?: { baseUrl: string; apiKey?: string; model: string };
}

export type EngineMode =
  | { type: 'step'; steps: string[] }
  | { type: 'explorer'; prompt: string; maxActions: number };

export interface EngineRunRequest {
  /** The run's UUID. */
  runId: string;
  targetUrl: string;
  mode: EngineMode;
  /** Absolute path where the GIF recording is written. */
  recordingPath: string;
  signal: AbortSignal;
  /** Called as each step (or explorer action) finishes, so progress can be stored live. */
  onStep(result: StepResult): void;
  /** Called with each screenshot (PNG) as it is taken, so the latest frame can be shown live. */
  onFrame?(png: Buffer): void;
  options: EngineOptions;
}

export interface EngineRunOutcome {
  status: 'completed' | 'failed' | 'cancelled';
  steps: StepResult[];
  /** Credits to charge: steps attempted (step mode) or browser actions taken (explorer). */
  creditsUsed: number;
  /** 1-based number of the failing step, when failed. */
  failedStep?: number;
  error?: string;
  /** Set when a GIF was written. */
  gifPath?: string;
  frameCount: number;
  consoleErrors: string[];
  networkFailures: string[];
  /** Explorer: whether the goal was judged reached. */
  goalReached?: boolean;
}

/**
 * What src/testr/engine/index.ts exports. parseStep and checkTargetUrl are cheap (no browser) and
 * may be imported eagerly from ./steps.js and ./url-safety.js; runTest and closeBrowser live
 * behind the lazy import.
 */
export interface EngineModule {
  /** Throws a UserInputError (parameter 'steps') naming the step (stepNumber, when given) and the forms understood. */
  parseStep(text: string, stepNumber?: number): ParsedStep;
  /** Throws a UserInputError (parameter 'targetUrl') when the URL is not allowed. */
  checkTargetUrl(url: string, options: { blockPrivateNetworks: boolean }): Promise<void>;
  runTest(request: EngineRunRequest): Promise<EngineRunOutcome>;
  /** Closes the shared browser, if one was started. */
  closeBrowser(): Promise<void>;
}
