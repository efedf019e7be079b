/**
 * The Testr service: test definitions, runs, credits and the run queue. The store (better-sqlite3)
 * opens on first use and the browser engine loads when a run starts, so registering the service
 * costs nothing at server start.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Caller } from '../platform/caller.js';
import type { PublicLinks } from '../platform/context.js';
import type { Config } from '../platform/config.js';
import { ConfigurationError, errorText, isToolError, NotFoundError, ToolError, UserInputError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { plural } from '../platform/text.js';
import { defaultEngine, type EngineDeps, type EngineRunner } from './engine-loader.js';
import { CANCELLED_BY_SHUTDOWN, CANCELLED_BY_USER, RunExecutor, type EngineConfig } from './run-executor.js';
import { readRecordingFile, recordingInfo, recordingUri, RECORDING_MIME, type RecordingFile, type RecordingInfo, type RecordingRead } from './recordings.js';
import { MAX_CONCURRENT_RUNS, RunScheduler, type RunSchedulerOptions } from './run-scheduler.js';
import { Settlements } from './run-settlement.js';
import { isDamage, isPermissionProblem } from './store/damage.js';
import type { OpenTestrDbOptions, TestrStore } from './store/index.js';
import type { RunQueue } from './run-queue.js';
import { DATABASE_FILE, DEFAULT_SCHEMA } from './store/names.js';
import type { RunEnd } from './store/types.js';
import type { CancelRunOutput, CreateDefinitionOutput, GetDefinitionOutput, ListDefinitionsOutput, RunStatusOutput, StartRunOutput } from './tool-schemas.js';
import { rewriteWithModel } from './engine/grammar/model-rewrite.js';
import { STEP_FORMS_HINT } from './engine/steps.js';
import { validateDefinition, type CreateDefinitionInput } from './validate.js';
import { definitionDetail, definitionSummary, runStatus } from './views.js';

export const MAX_PAGE_SIZE = 100;

/** Runs one process executes at once from the PostgreSQL queue (TESTR_WORKER_CONCURRENCY). */
export const DEFAULT_WORKER_CONCURRENCY = 5;
/** The holder of a pending run on PostgreSQL: the queue, whose lease never runs out. */
const QUEUED = 'queue';
const QUEUED_LEASE_UNTIL = 8_640_000_000_000_000;

export type TestrConfig = EngineConfig & Pick<Config, 'testrCredits'> & Partial<Pick<Config, 'databaseUrl' | 'testrWorkerConcurrency'>>;

export interface TestrServiceOptions {
  config: TestrConfig;
  logger: Logger;
  /** Replaces parts of the browser engine (tests of the queue and credits run without a browser). */
  engine?: Partial<EngineDeps>;
  /** Runs of one user at once (across processes); runs of all users at once in this process; lease timing. */
  scheduling?: Pick<RunSchedulerOptions, 'perUserLimit' | 'processLimit' | 'heartbeatMs' | 'leaseMs'>;
  /** How long close() waits for aborted runs to record their end. */
  shutdownTimeoutMs?: number;
  /** Opens the store (tests wrap the real one to make writes fail as on a full disk). */
  openStore?: (options: OpenTestrDbOptions) => Promise<TestrStore>;
  /** First wait before storing a run's end again when the database cannot be written (doubles, at most 30 s). */
  settleRetryMs?: number;
  /** On the team server: gif_url becomes its signed, expiring link instead of a file:// URL. */
  publicLinks?: PublicLinks;
  /** The PostgreSQL schema (tests keep theirs apart; default `testr`). */
  schema?: string;
}

/** One user's Testr: what the tools call (`ctx.testr`). Every read filters by the user. */
export interface TestrUserView {
  readonly userId: string;
  listDefinitions(args: { page?: number; pageSize?: number; search?: string }): Promise<ListDefinitionsOutput>;
  getDefinition(id: string): Promise<GetDefinitionOutput>;
  createDefinition(input: CreateDefinitionInput): Promise<CreateDefinitionOutput>;
  startRun(testDefinitionId: string): Promise<StartRunOutput>;
  getRunStatus(testRunId: string): Promise<RunStatusOutput>;
  cancelRun(testRunId: string): Promise<CancelRunOutput>;
  creditBalance(): Promise<number>;
  listRecordings(): Promise<RecordingInfo[]>;
  readRecording(runId: string): Promise<RecordingFile>;
  readLiveFrame(runId: string): Promise<LiveFrame>;
  /** Resolves once nothing this process runs or queued is left (the one-shot `call` command). */
  idle(timeoutMs?: number): Promise<boolean>;
}

/** The latest screenshot (PNG) of a running run. */
export interface LiveFrame {
  runId: string;
  data: Buffer;
}

/** Who owns what is created: a user, with the opening balance they get when first seen. */
export interface TestrUser {
  userId: string;
  /** Opening credits of a user new to the database (a key's --credits); else TESTR_CREDITS. */
  credits?: number;
}

export class TestrService {
  private readonly config: TestrConfig;
  private readonly logger: Logger;
  private readonly engine: EngineDeps;
  private readonly scheduler: RunScheduler;
  private readonly executor: RunExecutor;
  private readonly settlements: Settlements;
  private readonly shutdownTimeoutMs: number;
  private readonly openStoreWith?: (options: OpenTestrDbOptions) => Promise<TestrStore>;
  /** Users whose opening balance this service has made sure of. */
  private readonly knownUsers = new Set<string>();
  private readonly publicLinks?: PublicLinks;
  private readonly schema?: string;
  private queue?: RunQueue;
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
    this.publicLinks = options.publicLinks;
    this.schema = options.schema;
    const executor = (this.executor = new RunExecutor({
      store: () => this.store,
      engine: () => (this.runner ??= this.engine.load()),
      config: this.config,
      logger: this.logger,
      settlements: this.settlements,
    }));
    this.scheduler = new RunScheduler({
      ...options.scheduling,
      store: () => this.store,
      // A random id per service, never the pid: pids repeat across containers (each is PID 1).
      owner: { pid: process.pid, instance: randomUUID() },
      job: (run, signal) => executor.execute(run, signal),
      logger: this.logger,
    });
  }

  /** The view the tools of one caller use (registered per call scope). */
  forCaller(caller: Pick<Caller, 'userId' | 'credits'>): TestrUserView {
    return this.forUser({ userId: caller.userId, ...(caller.credits !== undefined && { credits: caller.credits }) });
  }

  forUser(user: TestrUser): TestrUserView {
    return {
      userId: user.userId,
      listDefinitions: (args) => this.listDefinitions(user, args),
      getDefinition: (id) => this.getDefinition(user, id),
      createDefinition: (input) => this.createDefinition(user, input),
      startRun: (id) => this.startRun(user, id),
      getRunStatus: (id) => this.getRunStatus(user, id),
      cancelRun: (id) => this.cancelRun(user, id),
      creditBalance: () => this.creditBalance(user),
      listRecordings: () => this.listRecordings(user),
      readRecording: (runId) => this.readRecording(user, runId),
      readLiveFrame: (runId) => this.readLiveFrame(user, runId),
      idle: (timeoutMs) => this.idle(timeoutMs),
    };
  }

  async listDefinitions(user: TestrUser, args: { page?: number; pageSize?: number; search?: string }): Promise<ListDefinitionsOutput> {
    const page = args.page ?? 1;
    const pageSize = args.pageSize ?? 10;
    if (!Number.isInteger(page) || page < 1) throw new UserInputError('page', `page must be a whole number from 1 (got ${page}).`);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new UserInputError('pageSize', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE} (got ${pageSize}).`);
    }
    const store = await this.open(user);
    const search = args.search?.trim() || undefined;
    const { rows, total } = await store.definitions.list(user.userId, { offset: (page - 1) * pageSize, limit: pageSize, search });
    return { definitions: rows.map(definitionSummary), totalCount: total, page, pageSize };
  }

  async getDefinition(user: TestrUser, id: string): Promise<GetDefinitionOutput> {
    const store = await this.open(user);
    const definition = await store.definitions.get(user.userId, id);
    if (!definition) throw definitionNotFound(id);
    return definitionDetail(definition, await store.definitions.steps(definition.id));
  }

  async createDefinition(user: TestrUser, input: CreateDefinitionInput): Promise<CreateDefinitionOutput> {
    const { testrLlmBaseUrl: baseUrl, testrLlmModel: model, testrLlmApiKey: apiKey } = this.config;
    const rewrite = baseUrl && model ? (step: string) => rewriteWithModel({ baseUrl, model, ...(apiKey ? { apiKey } : {}) }, step, STEP_FORMS_HINT) : undefined;
    const { readings, ...definition } = await validateDefinition(input, this.engine, this.config.testrBlockPrivateNetworks, rewrite);
    const store = await this.open(user);
    const id = await store.definitions.create(user.userId, definition);
    const steps = definition.steps.length;
    const cost =
      definition.testType === 'step'
        ? `${plural(steps, 'step')}, ${plural(steps, 'credit')} per run`
        : `explorer, at most ${plural(definition.maxCreditSpend ?? 0, 'credit')} per run`;
    return { testDefinitionId: id, message: `Created test definition ${id} "${definition.name}" (${cost}).`, ...(readings.length ? { steps: readings } : {}) };
  }

  async startRun(user: TestrUser, testDefinitionId: string): Promise<StartRunOutput> {
    if (this.closing) throw new ToolError('conflict', 'The server is shutting down; no new test run can start.', { hint: 'Start it again once the server is back.' });
    const store = await this.open(user);
    const definition = await store.definitions.get(user.userId, testDefinitionId);
    if (!definition) throw definitionNotFound(testDefinitionId);
    if (!definition.is_active) {
      throw new ToolError('conflict', `Test definition ${definition.id} is inactive and cannot be run.`, {
        hint: 'Pick an active definition from list-test-definitions.',
      });
    }
    const cost = definition.test_type === 'explorer' ? (definition.max_credit_spend ?? 0) : definition.total_steps;
    const queue = this.queue;
    const reserved = await store.runs.reserve(
      {
        user: user.userId,
        definition,
        totalSteps: cost,
        cost,
        sessionId: `testr-${randomUUID()}`,
        // On PostgreSQL a pending run belongs to the queue (its job), not to this replica: it waits
        // there whatever happens to the process that queued it.
        ...(queue ? { owner: { pid: process.pid, instance: QUEUED }, leaseUntil: QUEUED_LEASE_UNTIL } : { owner: this.scheduler.owner, leaseUntil: this.scheduler.leaseUntil() }),
      },
      queue && ((tx, runId) => queue.enqueue(tx, runId)),
    );
    if (!reserved.ok) {
      throw new ToolError('conflict', `Insufficient credits. Required: ${cost}, Available: ${reserved.available}.`, {
        hint: 'Wait for running tests to finish (unused credits are refunded), or run a test with fewer steps or a smaller maxCreditSpend.',
      });
    }
    await this.scheduler.pump();
    // Started here, or already by another process sharing the database.
    const status = (await store.runs.get(reserved.runId))?.status === 'pending' ? 'pending' : 'running';
    const queued =
      status !== 'pending'
        ? ''
        : queue
          ? ` It waits in the queue until a worker takes it (at most ${MAX_CONCURRENT_RUNS} of your runs at once).`
          : ` It waits in the queue (at most ${MAX_CONCURRENT_RUNS} of your runs at once) and starts when a slot frees up.`;
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

  async getRunStatus(user: TestrUser, testRunId: string): Promise<RunStatusOutput> {
    const store = await this.open(user);
    const run = await store.runs.getFor(user.userId, testRunId);
    if (!run) throw runNotFound(testRunId);
    const status = runStatus(run, await store.runs.steps(run.id), await store.ledger.balance(user.userId), {
      queuePosition: await store.runs.queuePosition(run),
      warning: this.settlements.warningFor(run.id),
    });
    // The link names the user, so the recording route reads it through this same user's view.
    return status.gif_url && this.publicLinks ? { ...status, gif_url: this.publicLinks.recordingUrl(run.id, user.userId) } : status;
  }

  /** Every user's runs by status, for /metrics; undefined while the database is not open (a scrape never opens it). */
  async runCounts(): Promise<Record<string, number> | undefined> {
    return this.store?.runs.countByStatus();
  }

  /**
   * Stops one of the user's pending or running runs: status cancelled, the steps not run refunded
   * (once: closing a closed run is a no-op). A run executing here is aborted and waited for; a
   * pending one, or one executing in another process, is closed in the database (that process
   * stops it at its next heartbeat, when it finds its lease gone).
   */
  async cancelRun(user: TestrUser, testRunId: string): Promise<CancelRunOutput> {
    const store = await this.open(user);
    const run = await store.runs.getFor(user.userId, testRunId);
    if (!run) throw runNotFound(testRunId);
    if (run.status !== 'pending' && run.status !== 'running') {
      throw new ToolError('conflict', `Test run ${run.id} has already ended (${run.status}); there is nothing to cancel.`, {
        hint: 'See its result with get-test-run-status.',
      });
    }
    const done = this.scheduler.cancel(run.id, CANCELLED_BY_USER);
    if (done) await withTimeout(done, this.shutdownTimeoutMs);
    else await store.runs.finish(run.id, { status: 'cancelled', creditsUsed: await store.runs.chargedSteps(run.id), error: CANCELLED_BY_USER });
    const after = (await store.runs.get(run.id)) ?? run;
    const refunded = (await store.ledger.forRun(run.id)).filter((row) => row.kind === 'refund').reduce((sum, row) => sum + row.amount, 0);
    const used = after.credits_used ?? (await store.runs.chargedSteps(run.id));
    return {
      testRunId: run.id,
      status: after.status,
      creditsUsed: used,
      creditsRefunded: refunded,
      creditsRemaining: await store.ledger.balance(user.userId),
      message:
        after.status === 'running'
          ? `Test run ${run.id} is stopping; its browser was told to stop. Check get-test-run-status in a few seconds.`
          : after.status === 'cancelled'
            ? `Test run ${run.id} cancelled${run.status === 'pending' ? ' before it started' : ''}: ${plural(used, 'credit')} used, ${plural(refunded, 'credit')} refunded.`
            : `Test run ${run.id} ended (${after.status}) before the cancel took effect; its result stands. See get-test-run-status.`,
    };
  }

  async creditBalance(user: TestrUser): Promise<number> {
    return (await this.open(user)).ledger.balance(user.userId);
  }

  /** The user's recordings, newest first (the MCP resource list; see ./resources.ts). */
  async listRecordings(user: TestrUser): Promise<RecordingInfo[]> {
    return (await (await this.open(user)).runs.withRecordings(user.userId)).map((run) => recordingInfo(run.id, run.name));
  }

  /**
   * The GIF of one of the user's runs (by its UUID, or the whole-number id of an older run): the
   * one lookup behind the MCP resource and any HTTP route. Throws not_found when the run or its
   * recording is missing; another user's run reads exactly as a missing one.
   */
  async readRecording(user: TestrUser, runId: string): Promise<RecordingFile> {
    const store = await this.open(user);
    const run = await store.runs.getFor(user.userId, runId);
    if (!run) throw runNotFound(runId);
    const missing = (why: string) => new NotFoundError('Recording of test run', run.id, `${why} A recording exists once a run has finished; check get-test-run-status.`);
    if (!run.gif_path) throw missing('This run has no recording.');
    // On PostgreSQL the GIF is in the database, so any replica serves it; on SQLite it is a file.
    const read = store.dialect === 'postgres' ? await recordingFromDatabase(store, run.id) : await readRecordingFile(this.config.testrDataDir, run.gif_path);
    if (!read.ok) {
      this.logger.warning('Refused to serve a Testr recording', { runId: run.id, reason: read.reason });
      throw missing(`Its file cannot be served: ${read.reason}.`);
    }
    return { runId: run.id, uri: recordingUri(run.id), mimeType: RECORDING_MIME, data: read.data };
  }

  /**
   * Opens the database ahead of any call when it exists already, so this process takes part in
   * recovery (closing runs of a killed sibling) even before its first Testr call.
   */
  warmUp(): void {
    if (this.closing || this.opening) return;
    // PostgreSQL is shared by the fleet: open it at once. A SQLite file only when it exists already.
    if (!this.config.databaseUrl && !existsSync(path.join(this.config.testrDataDir, DATABASE_FILE))) return;
    this.open().catch((error: unknown) => this.logger.warning('Could not open the Testr database', { error: String(error) }));
  }

  /**
   * The latest screenshot (PNG) of a running run of the user: the live.png resource. Throws
   * not_found when the run is missing or another user's, not running (a finished run has its
   * recording instead), executed by another server process, or has no screenshot yet.
   */
  async readLiveFrame(user: TestrUser, runId: string): Promise<LiveFrame> {
    const store = await this.open(user);
    const run = await store.runs.getFor(user.userId, runId);
    if (!run) throw runNotFound(runId);
    const missing = (why: string) => new NotFoundError('Live frame of test run', run.id, why);
    if (run.status !== 'running') {
      throw missing(
        run.status === 'pending'
          ? 'The run is pending: it has not started yet. Read live.png again once get-test-run-status says running.'
          : `The run is not running (${run.status}). Read its recording instead: ${recordingUri(run.id)} (or gif_url of get-test-run-status).`,
      );
    }
    const data = this.executor.latestFrame(run.id);
    if (data) return { runId: run.id, data };
    if (run.owner_instance !== this.scheduler.owner.instance) {
      throw missing(`The run is executed by another server process (pid ${run.owner_pid}); only that server has its live frame.`);
    }
    throw missing('The run has not taken its first screenshot yet. Read live.png again in a moment.');
  }

  /** Resolves once nothing this process runs or queued is left (tests, and graceful shutdown). */
  idle(timeoutMs?: number): Promise<boolean> {
    return this.scheduler.idle(timeoutMs);
  }

  get runningCount(): number {
    return this.scheduler.runningCount;
  }

  get pendingCount(): number {
    return this.scheduler.pendingCount;
  }

  /** Shutdown: runs this process queued are cancelled, running ones aborted; all are refunded what they did not use. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.settlements.stop();
    // An open in progress (its queue and workers starting) finishes first, so it is closed too.
    const store = (await this.opening?.catch(() => undefined)) ?? this.store;
    const { instance } = this.scheduler.owner;
    // Runs queued here and not yet started elsewhere are cancelled with a full refund.
    if (store) await this.closeQuietly(() => store.leases.closeHeld(instance, ['pending'], () => ({ status: 'cancelled', creditsUsed: 0, error: CANCELLED_BY_SHUTDOWN })));
    this.scheduler.stop(CANCELLED_BY_SHUTDOWN);
    if (!(await this.scheduler.idle(this.shutdownTimeoutMs))) this.logger.warning('Testr runs did not stop in time; closing them as cancelled');
    // Jobs taken from now on are handed back ('wait'); queued runs stay in the queue for the other workers.
    await this.queue?.stop();
    const runner = await this.runner?.catch(() => undefined);
    await runner?.closeBrowser().catch((error: unknown) => this.logger.warning('Could not close the browser', { error: String(error) }));
    if (store) {
      // Whatever this process still holds belongs to a run that did not stop in time.
      await this.closeQuietly(() =>
        store.leases.closeHeld(instance, ['pending', 'running'], async (id, tx): Promise<RunEnd> => ({
          status: 'cancelled',
          creditsUsed: await store.runs.chargedSteps(id, tx),
          error: CANCELLED_BY_SHUTDOWN,
        })),
      );
      await store.close();
    }
    this.store = undefined;
  }

  /** Shutdown must go on when runs cannot be closed (disk full): their leases expire and a live or the next server closes them as interrupted. */
  private async closeQuietly(close: () => Promise<unknown>): Promise<void> {
    try {
      await close();
    } catch (error) {
      this.logger.error('Could not close Testr runs at shutdown; they are closed as interrupted once their lease expires', { error: errorText(error) });
    }
  }

  private async open(user?: TestrUser): Promise<TestrStore> {
    if (this.closing) throw new ToolError('conflict', 'The Testr service is shutting down.');
    // A failed open is not cached: fixing the folder and calling again is enough.
    this.opening ??= this.openStore().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    const store = await this.opening;
    if (user && !this.knownUsers.has(user.userId)) {
      await store.ledger.ensureOpening(user.userId, user.credits ?? this.config.testrCredits);
      this.knownUsers.add(user.userId);
    }
    return store;
  }

  /** PostgreSQL: runs go through the pg-boss queue; this process executes up to TESTR_WORKER_CONCURRENCY of them. */
  private async startQueue(store: TestrStore): Promise<void> {
    const { RunQueue } = await import('./run-queue.js');
    try {
      this.queue = await RunQueue.start(this.config.databaseUrl ?? '', `${this.schema ?? DEFAULT_SCHEMA}_queue`, this.logger);
    } catch (error) {
      await store.close();
      this.store = undefined;
      throw error;
    }
    this.scheduler.useQueue();
    const concurrency = this.config.testrWorkerConcurrency ?? DEFAULT_WORKER_CONCURRENCY;
    if (concurrency > 0) await this.queue.work(concurrency, (runId) => this.scheduler.runQueued(runId));
  }

  /** Opens the database now (a worker: its queue and workers start with it); throws what the open throws. */
  async start(): Promise<void> {
    await this.open();
  }

  /** This process's random instance id (what its leases carry). */
  get instanceId(): string {
    return this.scheduler.owner.instance;
  }

  /** For /readyz: the database answers (true without DATABASE_URL: nothing to check). */
  async databaseAnswers(): Promise<boolean> {
    if (!this.config.databaseUrl) return true;
    try {
      const store = await this.open();
      return await store.ping();
    } catch {
      return false;
    }
  }

  private async openStore(): Promise<TestrStore> {
    const { TestrStore } = await import('./store/index.js');
    let store: TestrStore;
    try {
      const options: OpenTestrDbOptions = {
        dataDir: this.config.testrDataDir,
        openingCredits: this.config.testrCredits,
        ...(this.config.databaseUrl && { databaseUrl: this.config.databaseUrl }),
        ...(this.schema && { schema: this.schema }),
      };
      store = this.openStoreWith ? await this.openStoreWith(options) : await TestrStore.open(options);
    } catch (error) {
      throw openFailure(error, this.config.testrDataDir);
    }
    this.store = store;
    if (store.dialect === 'postgres') await this.startQueue(store);
    // The first beat closes the runs of processes that are gone (their leases expired) and starts
    // the next beats: renewals, recovery and claiming, for as long as this service lives.
    await this.scheduler.start();
    return store;
  }
}

async function recordingFromDatabase(store: TestrStore, runId: string): Promise<RecordingRead> {
  const data = await store.runs.recording(runId);
  return data ? { ok: true, data } : { ok: false, reason: 'it is not in the database' };
}

async function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Damage keeps its own restore/reset advice; only a permission problem is told to move the folder. */
function openFailure(error: unknown, dataDir: string): ToolError {
  if (isToolError(error)) return error; // DamagedDatabaseError
  const message = `Could not open the Testr database in ${dataDir}: ${errorText(error)}`;
  if (isPermissionProblem(error)) return new ConfigurationError(message, 'Set TESTR_DATA_DIR to a writable folder, or fix the permissions of this one, and try again.');
  if (isDamage(error)) return new ConfigurationError(message, 'The file is damaged: restore it from a backup beside it, or move it away to start afresh.');
  return new ConfigurationError(message, 'Check the folder (free disk space, no other program locking testr.db) and try again.');
}

/** The same answer for a run that does not exist and another user's (interfaces.md: "Test run not found"). */
function runNotFound(id: string): ToolError {
  return new ToolError('not_found', `Test run not found: there is no test run ${id}.`, { hint: 'Use the testRunId that start-test-run returned.' });
}

function definitionNotFound(id: string): ToolError {
  return new ToolError('not_found', `Test definition not found: there is no test definition ${id}.`, {
    hint: 'Call list-test-definitions to see the ids that exist.',
  });
}
