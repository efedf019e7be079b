/**
 * The Testr service: test definitions, runs, credits and the run queue. The store (better-sqlite3)
 * opens on first use and the browser engine loads when a run starts, so registering the service
 * costs nothing at server start.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../platform/config.js';
import { ConfigurationError, NotFoundError, ToolError, UserInputError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { plural } from '../platform/text.js';
import { defaultEngine, type EngineDeps, type EngineRunner } from './engine-loader.js';
import { CANCELLED_BY_SHUTDOWN, RunExecutor, type EngineConfig } from './run-executor.js';
import { listRecordings, readRecording, type RecordingInfo } from './recordings.js';
import { MAX_CONCURRENT_RUNS, RunQueue } from './run-queue.js';
import type { TestrStore } from './store/index.js';
import type { RunOwner } from './store/types.js';
import type { CreateDefinitionOutput, GetDefinitionOutput, ListDefinitionsOutput, RunStatusOutput, StartRunOutput } from './tool-schemas.js';
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
  private readonly shutdownTimeoutMs: number;
  private opening?: Promise<TestrStore>;
  private store?: TestrStore;
  private runner?: Promise<EngineRunner>;
  private closing = false;

  constructor(options: TestrServiceOptions) {
    this.config = options.config;
    this.logger = options.logger;
    this.engine = { ...defaultEngine, ...options.engine };
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5_000;
    const executor = new RunExecutor({
      store: () => this.store,
      engine: () => (this.runner ??= this.engine.load()),
      config: this.config,
      logger: this.logger,
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

  async getDefinition(id: number): Promise<GetDefinitionOutput> {
    const store = await this.open();
    const definition = store.definitions.get(id);
    if (!definition) throw definitionNotFound(id);
    return definitionDetail(definition, store.definitions.steps(id));
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

  async startRun(testDefinitionId: number): Promise<StartRunOutput> {
    if (this.closing) throw new ToolError('conflict', 'The server is shutting down; no new test run can start.', { hint: 'Start it again once the server is back.' });
    const store = await this.open();
    const definition = store.definitions.get(testDefinitionId);
    if (!definition) throw definitionNotFound(testDefinitionId);
    if (!definition.is_active) {
      throw new ToolError('conflict', `Test definition ${testDefinitionId} is inactive and cannot be run.`, {
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

  async getRunStatus(testRunId: number): Promise<RunStatusOutput> {
    const store = await this.open();
    const run = store.runs.get(testRunId);
    if (!run) throw new NotFoundError('Test run', testRunId, 'Use the testRunId that start-test-run returned.');
    return runStatus(run, store.runs.steps(testRunId), store.ledger.balance(), this.queue.position(testRunId));
  }

  async creditBalance(): Promise<number> {
    return (await this.open()).ledger.balance();
  }

  /** Recordings, newest first (the MCP resource list; see ./resources.ts). */
  listRecordings(): Promise<RecordingInfo[]> {
    return listRecordings(this.config.testrDataDir);
  }

  /** The GIF of a run, base64 encoded for an MCP blob resource. */
  readRecording(runId: number): ReturnType<typeof readRecording> {
    return readRecording(this.config.testrDataDir, runId);
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
    const store = this.store ?? (await this.opening?.catch(() => undefined));
    if (store) for (const runId of this.queue.takeWaiting()) store.runs.finish(runId, { status: 'cancelled', creditsUsed: 0, error: CANCELLED_BY_SHUTDOWN });
    this.queue.abortAll(CANCELLED_BY_SHUTDOWN);
    if (!(await this.queue.idle(this.shutdownTimeoutMs))) this.logger.warning('Testr runs did not stop in time; closing them as cancelled');
    const runner = await this.runner?.catch(() => undefined);
    await runner?.closeBrowser().catch((error: unknown) => this.logger.warning('Could not close the browser', { error: String(error) }));
    if (store) {
      // Whatever of ours is still open belongs to a run that did not stop in time.
      for (const runId of store.runs.openRunsOf(this.owner.instance)) {
        store.runs.finish(runId, { status: 'cancelled', creditsUsed: store.runs.chargedSteps(runId), error: CANCELLED_BY_SHUTDOWN });
      }
      store.close();
    }
    liveInstances.delete(this.owner.instance);
    this.store = undefined;
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
      store = TestrStore.open({ dataDir: this.config.testrDataDir, openingCredits: this.config.testrCredits });
    } catch (error) {
      throw new ConfigurationError(
        `Could not open the Testr database in ${this.config.testrDataDir}: ${(error as Error).message}`,
        'Set TESTR_DATA_DIR to a writable folder and try again.',
      );
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

function definitionNotFound(id: number): ToolError {
  return new ToolError('not_found', `Test definition not found: there is no test definition ${id}.`, {
    hint: 'Call list-test-definitions to see the ids that exist.',
  });
}
