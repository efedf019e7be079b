/**
 * Carries out one queued run: marks it running, hands it to the engine, stores each step as it
 * finishes, then settles it (status, charge, refund) in one transaction.
 */
import { mkdir } from 'node:fs/promises';
import type { Config } from '../platform/config.js';
import { errorText } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { EngineMode, EngineOptions, EngineRunOutcome, StepResult } from './engine/contract.js';
import type { EngineRunner } from './engine-loader.js';
import { recordingPath, recordingsDir } from './recordings.js';
import type { TestrStore } from './store/index.js';
import type { RunRow } from './store/types.js';

export type EngineConfig = Pick<Config, 'testrDataDir' | 'chromiumPath' | 'testrBlockPrivateNetworks' | 'testrLlmBaseUrl' | 'testrLlmApiKey' | 'testrLlmModel'>;

export const CANCELLED_BY_SHUTDOWN = 'cancelled: the server shut down before the run finished';

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
}

export class RunExecutor {
  constructor(private readonly deps: RunExecutorDeps) {}

  /** Everything before the first await runs synchronously inside RunQueue.submit(). */
  async execute(runId: number, signal: AbortSignal): Promise<void> {
    const store = this.deps.store();
    if (!store) return;
    store.runs.markRunning(runId);
    const run = store.runs.get(runId) as RunRow;
    try {
      const outcome = await this.runEngine(store, run, signal);
      this.settle(runId, run, outcome, signal);
    } catch (error) {
      this.deps.logger.warning('Testr run failed to execute', { runId, error: errorText(error) });
      const open = this.deps.store();
      open?.runs.finish(runId, {
        status: signal.aborted ? 'cancelled' : 'failed',
        creditsUsed: open.runs.chargedSteps(runId),
        error: signal.aborted ? CANCELLED_BY_SHUTDOWN : errorText(error),
      });
    }
  }

  private async runEngine(store: TestrStore, run: RunRow, signal: AbortSignal): Promise<EngineRunOutcome> {
    const definition = store.definitions.get(run.test_definition_id);
    if (!definition) throw new Error(`test definition ${run.test_definition_id} no longer exists`);
    const mode: EngineMode =
      run.test_type === 'explorer'
        ? { type: 'explorer', prompt: definition.explorer_prompt ?? '', maxActions: run.credits_reserved }
        : { type: 'step', steps: store.definitions.steps(definition.id).map((step) => step.step_text) };
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
      options: engineOptions(this.deps.config),
    });
  }

  private saveStep(runId: number, step: StepResult): void {
    try {
      this.deps.store()?.runs.saveStep(runId, step);
    } catch (error) {
      // A lost progress row must not break the run; the final outcome stores every step again.
      this.deps.logger.warning('Could not store Testr step progress', { runId, error: errorText(error) });
    }
  }

  private settle(runId: number, run: RunRow, outcome: EngineRunOutcome, signal: AbortSignal): void {
    const store = this.deps.store();
    if (!store) return;
    for (const step of outcome.steps) store.runs.saveStep(runId, step);
    const cancelled = outcome.status === 'cancelled' || (signal.aborted && outcome.status !== 'completed');
    store.runs.finish(runId, {
      status: cancelled ? 'cancelled' : outcome.status,
      creditsUsed: outcome.creditsUsed,
      error: cancelled ? (outcome.error ?? CANCELLED_BY_SHUTDOWN) : outcome.error,
      failedStep: outcome.failedStep,
      gifPath: outcome.gifPath,
      consoleErrors: outcome.consoleErrors,
      networkFailures: outcome.networkFailures,
      ...(run.test_type === 'explorer' && { totalSteps: outcome.steps.length }),
    });
  }
}
