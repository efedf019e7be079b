/**
 * Starts queued runs and keeps this process's leases alive. The queue is the database: a run is
 * reserved as `pending`, and any process on the same data folder with a free slot claims it (see
 * store/leases.ts), so the limit of runs per user holds across processes. Every HEARTBEAT_MS each
 * process renews its leases, closes the runs whose lease expired (their process is gone), and
 * claims what may start now (a slot freed in another process).
 *
 * Bound: a killed process's runs are closed at most LEASE_MS + HEARTBEAT_MS (12 s) after its
 * last renewal, by any live process that has the database open.
 */
import { errorText } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { TestrStore } from './store/index.js';
import type { RunOwner, RunRow } from './store/types.js';

export type RunJob = (run: RunRow, signal: AbortSignal) => Promise<void>;

/** Runs of one user executing at once, across every process on the database. */
export const MAX_CONCURRENT_RUNS = 5;
/** Runs this process executes at once, all users together (each is a browser page). */
export const MAX_RUNS_PER_PROCESS = 20;
export const HEARTBEAT_MS = 2_000;
export const LEASE_MS = 10_000;

export const LEASE_LOST = 'cancelled: the run was closed elsewhere (cancelled, or recovered after this server stalled)';

export interface RunSchedulerOptions {
  store: () => TestrStore | undefined;
  owner: RunOwner;
  job: RunJob;
  logger: Logger;
  perUserLimit?: number;
  processLimit?: number;
  heartbeatMs?: number;
  leaseMs?: number;
}

export class RunScheduler {
  private readonly active = new Map<string, AbortController>();
  private readonly settled = new Set<Promise<void>>();
  private readonly doneOf = new Map<string, Promise<void>>();
  private readonly perUserLimit: number;
  private readonly processLimit: number;
  private readonly heartbeatMs: number;
  private readonly leaseMs: number;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** One pump at a time (a second call while one claims runs once more after it), so the process limit holds. */
  private pumping?: Promise<void>;
  private pumpAgain = false;
  private beating = false;
  private heldPendingCount = 0;
  /** On PostgreSQL the queue's jobs say what to run (see ./run-queue.ts); the beat still renews and recovers. */
  private queueDriven = false;

  constructor(private readonly options: RunSchedulerOptions) {
    this.perUserLimit = options.perUserLimit ?? MAX_CONCURRENT_RUNS;
    this.processLimit = options.processLimit ?? MAX_RUNS_PER_PROCESS;
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
  }

  get owner(): RunOwner {
    return this.options.owner;
  }

  /** The expiry a lease taken or renewed now gets. */
  leaseUntil(): number {
    return Date.now() + this.leaseMs;
  }

  /** Begins the heartbeat (once the database is open); resolves after the first beat, which recovers at once. */
  async start(): Promise<void> {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.beat(), this.heartbeatMs);
    this.timer.unref();
    await this.beat();
  }

  /** From now on runs start only through runQueued (a queue job), never by the beat picking pending runs. */
  useQueue(): void {
    this.queueDriven = true;
  }

  /**
   * Executes one queued run here if it may start now, and resolves when it is over: `done` when it
   * ran here or needs nothing more (already started elsewhere, cancelled, closed), `wait` when it
   * is still pending (its user has the limit of runs going, or this process is stopping).
   */
  async runQueued(runId: string): Promise<'done' | 'wait'> {
    const store = this.options.store();
    if (!store || this.stopped || this.active.size >= this.processLimit) return 'wait';
    const run = await store.leases.claimNext(this.owner, this.leaseUntil(), this.perUserLimit, runId);
    if (!run) return (await store.runs.get(runId))?.status === 'pending' ? 'wait' : 'done';
    this.launch(run);
    await this.doneOf.get(run.id);
    return 'done';
  }

  /** Starts what may start now; resolves once this process has claimed what it could. */
  pump(): Promise<void> {
    if (this.queueDriven) return Promise.resolve();
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    const pumping = (async () => {
      do {
        this.pumpAgain = false;
        await this.claimWhatMayStart();
      } while (this.pumpAgain && !this.stopped);
    })().finally(() => {
      this.pumping = undefined;
    });
    this.pumping = pumping;
    return pumping;
  }

  private async claimWhatMayStart(): Promise<void> {
    const store = this.options.store();
    if (!store || this.stopped) return;
    try {
      while (this.active.size < this.processLimit && !this.stopped) {
        const run = await store.leases.claimNext(this.owner, this.leaseUntil(), this.perUserLimit);
        if (!run) break;
        this.launch(run);
      }
      this.heldPendingCount = (await this.heldPending()).length;
    } catch (error) {
      // A busy or briefly unreachable database: the next beat tries again.
      this.options.logger.warning('Could not start queued Testr runs', { error: errorText(error) });
    }
  }

  isRunningHere(runId: string): boolean {
    return this.active.has(runId);
  }

  get runningCount(): number {
    return this.active.size;
  }

  /** Pending runs this process queued and still holds, as of the last beat or start. */
  get pendingCount(): number {
    return this.heldPendingCount;
  }

  async heldPending(): Promise<string[]> {
    const store = this.options.store();
    return store ? (await store.leases.heldBy(this.owner.instance)).flatMap((run) => (run.status === 'pending' ? [run.id] : [])) : [];
  }

  /** Aborts a run executing here; resolves once it has recorded its end. Undefined when it does not execute here. */
  cancel(runId: string, reason: string): Promise<void> | undefined {
    const controller = this.active.get(runId);
    if (!controller) return undefined;
    if (!controller.signal.aborted) controller.abort(new Error(reason));
    return this.doneOf.get(runId) ?? Promise.resolve();
  }

  /** Stops claiming and renewing; aborts every run executing here. */
  stop(reason: string): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const controller of this.active.values()) controller.abort(new Error(reason));
  }

  /** Resolves when nothing runs here and nothing this process queued waits, or after `timeoutMs`; true when idle. */
  async idle(timeoutMs = Infinity): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const waiting = this.stopped ? 0 : (await this.heldPending().catch(() => [])).length;
      if (this.settled.size === 0 && waiting === 0) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      // A run queued here may start in another process: with runs waiting, look again now and then.
      const pause = Math.min(left, waiting > 0 ? 50 : left);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        if (Number.isFinite(pause)) timer = setTimeout(resolve, pause);
      });
      await Promise.race([...(this.settled.size > 0 ? [Promise.allSettled([...this.settled])] : []), timeout]);
      clearTimeout(timer);
    }
  }

  private launch(run: RunRow): void {
    const controller = new AbortController();
    this.active.set(run.id, controller);
    const done: Promise<void> = this.options
      .job(run, controller.signal)
      .catch(() => undefined)
      .finally(() => {
        this.active.delete(run.id);
        this.doneOf.delete(run.id);
        this.settled.delete(done);
        void this.pump();
      });
    this.settled.add(done);
    this.doneOf.set(run.id, done);
  }

  private async beat(): Promise<void> {
    const store = this.options.store();
    // A beat still waiting on the database is not doubled up by the next tick.
    if (!store || this.stopped || this.beating) return;
    this.beating = true;
    try {
      // Only runs claimed before the renewal starts: one claimed while it waits is held, not lost.
      const executing = [...this.active];
      const held = await store.leases.renew(this.owner.instance, this.leaseUntil());
      // Closed by someone else (cancelled, or recovered while this process stalled): stop it here.
      for (const [runId, controller] of executing) if (!held.has(runId)) controller.abort(new Error(LEASE_LOST));
      const recovered = await store.leases.recoverExpired();
      if (recovered.length > 0) this.options.logger.warning('Closed Testr runs whose server stopped (lease expired)', { runIds: recovered });
      await this.pump();
    } catch (error) {
      // A busy or briefly unreadable database: the next beat tries again, well inside the lease.
      this.options.logger.warning('Testr heartbeat failed', { error: errorText(error) });
    } finally {
      this.beating = false;
    }
  }
}
