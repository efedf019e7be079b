/**
 * The Testr service: test definitions, runs, credits and the run queue. The store (better-sqlite3)
 * opens on first use and the browser engine loads when a run starts, so registering the service
 * costs nothing at server start.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../platform/config.js';
import { ConfigurationError, errorText, isToolError, NotFoundError, ToolError, UserInputError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { plural } from '../platform/text.js';
import { defaultEngine, type EngineDeps, type EngineRunner } from './engine-loader.js';
import { CANCELLED_BY_SHUTDOWN, CANCELLED_BY_USER, RunExecutor, type EngineConfig } from './run-executor.js';
import { readRecordingFile, recordingInfo, recordingUri, RECORDING_MIME, type RecordingFile, type RecordingInfo } from './recordings.js';
import { MAX_CONCURRENT_RUNS, RunQueue } from './run-queue.js';
import { Settlements } from './run-settlement.js';
import { isDamage, isPermissionProblem } from './store/damage.js';
import type { OpenDatabaseOptions } from './store/database.js';
import type { TestrStore } from './store/index.js';
import type { RunEnd, RunOwner } from './store/types.js';
import type { CancelRunOutput, CreateDefinitionOutput, GetDefinitionOutput, ListDefinitionsOutput, RunStatusOutput, StartRunOutput } from './tool-schemas.js';
import { rewriteWithModel } from './engine/grammar/model-rewrite.js';
import { STEP_FORMS_HINT } from './engine/steps.js';
import { validateDefinition, type CreateDefinitionInput } from './validate.js';
import { definitionDetail, definitionSummary, runStatus } from './views.js';

export const MAX_PAGE_SIZE = 100;

export type TestrConfig = EngineConfig & Pick<Config, 'testrCredits'>;

export interface TestrServiceOptions {
  config: TestrConfig;
  logger: Logger;
  /** Replaces parts of the browser engine (tests of the queue and credits run without a browser). */
  engine?: Partial<EngineDeps>;
  maxConcurrentRuns?: number;
  /** How long close() waits for aborted runs to record their end. */
  shutdownTimeoutMs?: number;
  /** Opens the store (tests wrap the real one to make writes fail as on a full disk). */
  openStore?: (options: OpenDatabaseOptions) => TestrStore;
  /** First wait before storing a run's end again when the database cannot be written (doubles, at most 30 s). */
  settleRetryMs?: number;
}

/** Services open in this process, so one never mistakes a sibling's runs for orphans. */
const liveInstances = new Set<string>();

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class TestrService {
  private readonly config: TestrConfig;
  private readonly logger: Logger;
  private readonly engine: EngineDeps;
  private readonly owner: RunOwner = { pid: process.pid, instance: randomUUID() };
  private readonly queue: RunQueue;
  private readonly settlements: Settlements;
  private readonly shutdownTimeoutMs: number;
  private readonly openStoreWith?: (options: OpenDatabaseOptions) => TestrStore;
  private opening?: Promise<TestrStore>;
  private store?: TestrStore;
  private runner?: Promise<EngineRunner>;
  private closing = false;

  constructor(options: TestrServiceOptions) {
    this.config = options.config;
    this.logger = options.logger;
    this.engine = { ...defaultEngine, ...options.engine };
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5_000;
    this.openStoreWith = options.openStore;
    this.settlements = new Settlements({ store: () => this.store, logger: this.logger, dataDir: this.config.testrDataDir, retryMs: options.settleRetryMs });
    const executor = new RunExecutor({
      store: () => this.store,
      engine: () => (this.runner ??= this.engine.load()),
      config: this.config,
      logger: this.logger,
      settlements: this.settlements,
    });
    this.queue = new RunQueue(options.maxConcurrentRuns ?? MAX_CONCURRENT_RUNS, (runId, signal) => executor.execute(runId, signal));
  }

  async listDefinitions(args: { page?: number; pageSize?: number; search?: string }): Promise<ListDefinitionsOutput> {
    const page = args.page ?? 1;
    const pageSize = args.pageSize ?? 10;
    if (!Number.isInteger(page) || page < 1) throw new UserInputError('page', `page must be a whole number from 1 (got ${page}).`);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new UserInputError('pageSize', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE} (got ${pageSize}).`);
    }
    const store = await this.open();
    const search = args.search?.trim() || undefined;
    const { rows, total } = store.definitions.list({ offset: (page - 1) * pageSize, limit: pageSize, search });
    return { definitions: rows.map(definitionSummary), totalCount: total, page, pageSize };
  }

  async getDefinition(id: string): Promise<GetDefinitionOutput> {
    const store = await this.open();
    const definition = store.definitions.get(id);
    if (!definition) throw definitionNotFound(id);
    return definitionDetail(definition, store.definitions.steps(definition.id));
  }

  async createDefinition(input: CreateDefinitionInput): Promise<CreateDefinitionOutput> {
    const { testrLlmBaseUrl: baseUrl, testrLlmModel: model, testrLlmApiKey: apiKey } = this.config;
    const rewrite = baseUrl && model ? (step: string) => rewriteWithModel({ baseUrl, model, ...(apiKey ? { apiKey } : {}) }, step, STEP_FORMS_HINT) : undefined;
    const { readings, ...definition } = await validateDefinition(input, this.engine, this.config.testrBlockPrivateNetworks, rewrite);
    const store = await this.open();
    const id = store.definitions.create(definition);
    const steps = definition.steps.length;
    const cost =
      definition.testType === 'step'
        ? `${plural(steps, 'step')}, ${plural(steps, 'credit')} per run`
        : `explorer, at most ${plural(definition.maxCreditSpend ?? 0, 'credit')} per run`;
    return { testDefinitionId: id, message: `Created test definition ${id} "${definition.name}" (${cost}).`, ...(readings.length ? { steps: readings } : {}) };
  }

  async startRun(testDefinitionId: string): Promise<StartRunOutput> {
    if (this.closing) throw new ToolError('conflict', 'The server is shutting down; no new test run can start.', { hint: 'Start it again once the server is back.' });
    const store = await this.open();
    const definition = store.definitions.get(testDefinitionId);
    if (!definition) throw definitionNotFound(testDefinitionId);
    if (!definition.is_active) {
      throw new ToolError('conflict', `Test definition ${definition.id} is inactive and cannot be run.`, {
        hint: 'Pick an active definition from list-test-definitions.',
      });
    }
    const cost = definition.test_type === 'explorer' ? (definition.max_credit_spend ?? 0) : definition.total_steps;
    const reserved = store.runs.reserve({ definition, totalSteps: cost, cost, sessionId: `testr-${randomUUID()}`, owner: this.owner });
    if (!reserved.ok) {
      throw new ToolError('conflict', `Insufficient credits. Required: ${cost}, Available: ${reserved.available}.`, {
        hint: 'Wait for running tests to finish (unused credits are refunded), or run a test with fewer steps or a smaller maxCreditSpend.',
      });
    }
    const status = this.queue.submit(reserved.runId);
    const queued = status === 'pending' ? ` It waits in the queue (at most ${MAX_CONCURRENT_RUNS} runs at once) and starts when a slot frees up.` : '';
    return {
      testRunId: reserved.runId,
      status,
      name: definition.name,
      targetUrl: definition.target_url,
      testType: definition.test_type,
      totalSteps: cost,
      message:
        `Test run ${reserved.runId} ${status === 'running' ? 'started' : 'queued'}; ${plural(cost, 'credit')} reserved, unused ones are refunded at the end.${queued}` +
        ` Check it with get-test-run-status (testRunId ${reserved.runId}).`,
    };
  }

  async getRunStatus(testRunId: string): Promise<RunStatusOutput> {
    const store = await this.open();
    const run = store.runs.get(testRunId);
    if (!run) throw runNotFound(testRunId);
    return runStatus(run, store.runs.steps(run.id), store.ledger.balance(), {
      queuePosition: this.queue.position(run.id),
      warning: this.settlements.warningFor(run.id),
    });
  }

  /**
   * Stops a pending or running run: status cancelled, the steps not run refunded (exactly once:
   * closing a run is a no-op when it is already closed). A running run's browser is aborted and
   * the call waits for it to record its end.
   */
  async cancelRun(testRunId: string): Promise<CancelRunOutput> {
    const store = await this.open();
    const run = store.runs.get(testRunId);
    if (!run) throw runNotFound(testRunId);
    if (run.status !== 'pending' && run.status !== 'running') {
      throw new ToolError('conflict', `Test run ${run.id} has already ended (${run.status}); there is nothing to cancel.`, {
        hint: 'See its result with get-test-run-status.',
      });
    }
    const cancelled = this.queue.cancel(run.id, CANCELLED_BY_USER);
    if (!cancelled) {
      throw new ToolError('conflict', `Test run ${run.id} is executed by another server process (pid ${run.owner_pid}), which alone can stop it.`, {
        hint: 'Cancel it through the server that started it, or wait for it to finish.',
      });
    }
    if (cancelled.state === 'removed') store.runs.finish(run.id, { status: 'cancelled', creditsUsed: 0, error: CANCELLED_BY_USER });
    else await withTimeout(cancelled.done, this.shutdownTimeoutMs);
    const after = store.runs.get(run.id) ?? run;
    const refunded = store.ledger.forRun(run.id).filter((row) => row.kind === 'refund').reduce((sum, row) => sum + row.amount, 0);
    const used = after.credits_used ?? store.runs.chargedSteps(run.id);
    return {
      testRunId: run.id,
      status: after.status,
      creditsUsed: used,
      creditsRefunded: refunded,
      creditsRemaining: store.ledger.balance(),
      message:
        after.status === 'running'
          ? `Test run ${run.id} is stopping; its browser was told to stop. Check get-test-run-status in a few seconds.`
          : after.status === 'cancelled'
          ? `Test run ${run.id} cancelled${run.status === 'pending' ? ' before it started' : ''}: ${plural(used, 'credit')} used, ${plural(refunded, 'credit')} refunded.`
          : `Test run ${run.id} ended (${after.status}) before the cancel took effect; its result stands. See get-test-run-status.`,
    };
  }

  async creditBalance(): Promise<number> {
    return (await this.open()).ledger.balance();
  }

  /** Recordings, newest first (the MCP resource list; see ./resources.ts). */
  async listRecordings(): Promise<RecordingInfo[]> {
    return (await this.open()).runs.withRecordings().map((run) => recordingInfo(run.id, run.name));
  }

  /**
   * The GIF of a run (by its UUID, or the whole-number id of an older run): the one lookup behind
   * the MCP resource and any HTTP route. Throws not_found when the run or its recording is missing.
   */
  async readRecording(runId: string): Promise<RecordingFile> {
    const store = await this.open();
    const run = store.runs.get(runId);
    if (!run) throw runNotFound(runId);
    const missing = (why: string) => new NotFoundError('Recording of test run', run.id, `${why} A recording exists once a run has finished; check get-test-run-status.`);
    if (!run.gif_path) throw missing('This run has no recording.');
    const read = await readRecordingFile(this.config.testrDataDir, run.gif_path);
    if (!read.ok) {
      this.logger.warning('Refused to serve a Testr recording', { runId: run.id, reason: read.reason });
      throw missing(`Its file cannot be served: ${read.reason}.`);
    }
    return { runId: run.id, uri: recordingUri(run.id), mimeType: RECORDING_MIME, data: read.data };
  }

  /** Resolves once no run is running or waiting (tests, and graceful shutdown). */
  idle(timeoutMs?: number): Promise<boolean> {
    return this.queue.idle(timeoutMs);
  }

  get runningCount(): number {
    return this.queue.runningCount;
  }

  get pendingCount(): number {
    return this.queue.pendingCount;
  }

  /** Shutdown: waiting runs are cancelled, running ones aborted; all are refunded what they did not use. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.settlements.stop();
    const store = this.store ?? (await this.opening?.catch(() => undefined));
    if (store) for (const runId of this.queue.takeWaiting()) this.closeQuietly(store, runId, { status: 'cancelled', creditsUsed: 0, error: CANCELLED_BY_SHUTDOWN });
    this.queue.abortAll(CANCELLED_BY_SHUTDOWN);
    if (!(await this.queue.idle(this.shutdownTimeoutMs))) this.logger.warning('Testr runs did not stop in time; closing them as cancelled');
    const runner = await this.runner?.catch(() => undefined);
    await runner?.closeBrowser().catch((error: unknown) => this.logger.warning('Could not close the browser', { error: String(error) }));
    if (store) {
      // Whatever of ours is still open belongs to a run that did not stop in time.
      for (const runId of store.runs.openRunsOf(this.owner.instance)) {
        this.closeQuietly(store, runId, { status: 'cancelled', creditsUsed: store.runs.chargedSteps(runId), error: CANCELLED_BY_SHUTDOWN });
      }
      store.close();
    }
    liveInstances.delete(this.owner.instance);
    this.store = undefined;
  }

  /** Shutdown must go on when a run cannot be closed (disk full): the next start closes it as interrupted. */
  private closeQuietly(store: TestrStore, runId: string, end: RunEnd): void {
    try {
      store.runs.finish(runId, end);
    } catch (error) {
      this.logger.error('Could not close a Testr run at shutdown; it is closed as interrupted at the next start', { runId, error: errorText(error) });
    }
  }

  private open(): Promise<TestrStore> {
    if (this.closing) return Promise.reject(new ToolError('conflict', 'The Testr service is shutting down.'));
    // A failed open is not cached: fixing the folder and calling again is enough.
    this.opening ??= this.openStore().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async openStore(): Promise<TestrStore> {
    const { TestrStore } = await import('./store/index.js');
    let store: TestrStore;
    try {
      const options = { dataDir: this.config.testrDataDir, openingCredits: this.config.testrCredits };
      store = this.openStoreWith ? this.openStoreWith(options) : TestrStore.open(options);
    } catch (error) {
      throw openFailure(error, this.config.testrDataDir);
    }
    // A run is orphaned when its server is gone: another process that died, or an earlier service
    // of this process that was never closed.
    const recovered = store.runs.recoverInterrupted(
      (owner) => !liveInstances.has(owner.instance) && (owner.pid === process.pid || !isProcessAlive(owner.pid)),
    );
    if (recovered.length > 0) this.logger.warning('Closed Testr runs interrupted by a previous server stop', { runIds: recovered });
    liveInstances.add(this.owner.instance);
    this.store = store;
    return store;
  }
}

/** Damage keeps its own restore/reset advice; only a permission problem is told to move the folder. */
function openFailure(error: unknown, dataDir: string): ToolError {
  if (isToolError(error)) return error; // DamagedDatabaseError
  const message = `Could not open the Testr database in ${dataDir}: ${errorText(error)}`;
  if (isPermissionProblem(error)) return new ConfigurationError(message, 'Set TESTR_DATA_DIR to a writable folder, or fix the permissions of this one, and try again.');
  if (isDamage(error)) return new ConfigurationError(message, 'The file is damaged: restore it from a backup beside it, or move it away to start afresh.');
  return new ConfigurationError(message, 'Check the folder (free disk space, no other program locking testr.db) and try again.');
}

async function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function runNotFound(id: string): ToolError {
  return new NotFoundError('Test run', id, 'Use the testRunId that start-test-run returned.');
}

function definitionNotFound(id: string): ToolError {
  return new ToolError('not_found', `Test definition not found: there is no test definition ${id}.`, {
    hint: 'Call list-test-definitions to see the ids that exist.',
  });
}
