/**
 * Carries out one run the scheduler claimed (running, leased to this process): hands it to the
 * engine, stores each step as it
 * finishes, then settles it (status, charge, refund) in one transaction, retried while the
 * database cannot be written (./run-settlement.ts). While a run executes, its latest screenshot
 * is kept in memory (one PNG per run, dropped when the run ends) for the live.png resource.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import type { Config } from '../platform/config.js';
import { errorText } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { EngineMode, EngineOptions, EngineRunOutcome, StepResult } from './engine/contract.js';
import type { EngineRunner } from './engine-loader.js';
import { recordingPath, recordingsDir } from './recordings.js';
import type { TestrStore } from './store/index.js';
import type { RunEnd, RunRow } from './store/types.js';
import type { Settlements } from './run-settlement.js';

export type EngineConfig = Pick<Config, 'testrDataDir' | 'chromiumPath' | 'testrBlockPrivateNetworks' | 'testrLlmBaseUrl' | 'testrLlmApiKey' | 'testrLlmModel'>;

export const CANCELLED_BY_SHUTDOWN = 'cancelled: the server shut down before the run finished';
export const CANCELLED_BY_USER = 'cancelled with cancel-test-run';

export function engineOptions(config: EngineConfig): EngineOptions {
  return {
    chromiumPath: config.chromiumPath,
    blockPrivateNetworks: config.testrBlockPrivateNetworks,
    ...(config.testrLlmBaseUrl &&
      config.testrLlmModel && { llm: { baseUrl: config.testrLlmBaseUrl, apiKey: config.testrLlmApiKey, model: config.testrLlmModel } }),
  };
}

export interface RunExecutorDeps {
  store: () => TestrStore | undefined;
  engine: () => Promise<EngineRunner>;
  config: EngineConfig;
  logger: Logger;
  settlements: Settlements;
}

/** Why an aborted run stopped: the reason it was aborted with (a cancel, or the shutdown). */
export const abortReason = (signal: AbortSignal) => (signal.reason instanceof Error ? signal.reason.message : CANCELLED_BY_SHUTDOWN);

export class RunExecutor {
  /** Runs executing here, with their latest screenshot (null before the first). */
  private readonly liveFrames = new Map<string, Buffer | null>();

  constructor(private readonly deps: RunExecutorDeps) {}

  /** The latest screenshot of a run this process is executing, if one was taken yet. */
  latestFrame(runId: string): Buffer | undefined {
    return this.liveFrames.get(runId) ?? undefined;
  }

  /** `run` was just claimed (running, leased to this process) by the scheduler. */
  async execute(run: RunRow, signal: AbortSignal): Promise<void> {
    const store = this.deps.store();
    if (!store) return;
    const runId = run.id;
    let steps: StepResult[] = [];
    let end: RunEnd;
    this.liveFrames.set(runId, null);
    try {
      const outcome = await this.runEngine(store, run, signal);
      steps = outcome.steps;
      end = this.endOf(run, outcome, signal);
    } catch (error) {
      this.deps.logger.warning('Testr run failed to execute', { runId, error: errorText(error) });
      end = {
        status: signal.aborted ? 'cancelled' : 'failed',
        creditsUsed: (await this.deps.store()?.runs.chargedSteps(runId).catch(() => 0)) ?? 0,
        error: signal.aborted ? abortReason(signal) : errorText(error),
      };
    }
    // On PostgreSQL the GIF goes into the database with the run's end, so any replica serves it.
    const recording = store.dialect === 'postgres' && end.gifPath ? await readFile(end.gifPath).catch(() => undefined) : undefined;
    if (store.dialect === 'postgres' && end.gifPath && !recording) end = { ...end, gifPath: undefined };
    try {
      await this.deps.settlements.store(runId, steps, end, recording);
    } finally {
      this.liveFrames.delete(runId);
      if (recording && end.gifPath) await rm(end.gifPath, { force: true });
    }
  }

  private async runEngine(store: TestrStore, run: RunRow, signal: AbortSignal): Promise<EngineRunOutcome> {
    const definition = await store.definitions.get(run.owner_user, run.test_definition_id);
    if (!definition) throw new Error(`test definition ${run.test_definition_id} no longer exists`);
    const mode: EngineMode =
      run.test_type === 'explorer'
        ? { type: 'explorer', prompt: definition.explorer_prompt ?? '', maxActions: run.credits_reserved }
        : { type: 'step', steps: (await store.definitions.steps(definition.id)).map((step) => step.step_text) };
    await mkdir(recordingsDir(this.deps.config.testrDataDir), { recursive: true });
    const engine = await this.deps.engine();
    signal.throwIfAborted(); // shut down while Chromium was loading
    return engine.runTest({
      runId: run.id,
      targetUrl: run.target_url,
      mode,
      recordingPath: recordingPath(this.deps.config.testrDataDir, run.id),
      signal,
      onStep: (step) => this.saveStep(run.id, step),
      // A screenshot still in flight when the run ends is not kept.
      onFrame: (png) => {
        if (this.liveFrames.has(run.id)) this.liveFrames.set(run.id, png);
      },
      options: engineOptions(this.deps.config),
    });
  }

  private saveStep(runId: string, step: StepResult): void {
    // A lost progress row must not break the run; the final outcome stores every step again.
    this.deps
      .store()
      ?.runs.saveStep(runId, step)
      .catch((error: unknown) => this.deps.logger.warning('Could not store Testr step progress', { runId, error: errorText(error) }));
  }

  private endOf(run: RunRow, outcome: EngineRunOutcome, signal: AbortSignal): RunEnd {
    const cancelled = outcome.status === 'cancelled' || (signal.aborted && outcome.status !== 'completed');
    return {
      status: cancelled ? 'cancelled' : outcome.status,
      creditsUsed: outcome.creditsUsed,
      error: cancelled ? (signal.aborted ? abortReason(signal) : (outcome.error ?? CANCELLED_BY_SHUTDOWN)) : outcome.error,
      failedStep: outcome.failedStep,
      gifPath: outcome.gifPath,
      consoleErrors: outcome.consoleErrors,
      networkFailures: outcome.networkFailures,
      ...(run.test_type === 'explorer' && { totalSteps: outcome.steps.length }),
    };
  }
}
