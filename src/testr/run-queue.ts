/**
 * A FIFO queue that runs at most `limit` jobs at once, each with its own AbortController.
 * Hand-rolled rather than p-limit because the service needs to know synchronously whether a run
 * got a slot (to answer 'running' or 'pending') and to take the waiting runs back on shutdown.
 */
export type RunJob = (runId: string, signal: AbortSignal) => Promise<void>;

/** Runs executing at once on this machine; more wait as `pending`. */
export const MAX_CONCURRENT_RUNS = 5;

export class RunQueue {
  private readonly waiting: string[] = [];
  private readonly active = new Map<string, AbortController>();
  private readonly settled = new Set<Promise<void>>();
  private readonly doneOf = new Map<string, Promise<void>>();

  constructor(
    private readonly limit: number,
    private readonly job: RunJob,
  ) {}

  /** Queues the run; returns whether it started at once. */
  submit(runId: string): 'running' | 'pending' {
    this.waiting.push(runId);
    this.pump();
    return this.active.has(runId) ? 'running' : 'pending';
  }

  get runningCount(): number {
    return this.active.size;
  }

  get pendingCount(): number {
    return this.waiting.length;
  }

  /** A waiting run's place in the queue, 1 = next to start; undefined when it is not waiting here. */
  position(runId: string): number | undefined {
    const index = this.waiting.indexOf(runId);
    return index < 0 ? undefined : index + 1;
  }

  /** Takes every waiting run out of the queue (they will not start) and returns their ids. */
  takeWaiting(): string[] {
    return this.waiting.splice(0);
  }

  /**
   * Cancels one run: a waiting one leaves the queue ('removed': it never starts), a running one is
   * aborted with `reason` ('aborted': `done` resolves once its job has recorded the end).
   */
  cancel(runId: string, reason: string): { state: 'removed' } | { state: 'aborted'; done: Promise<void> } | undefined {
    const index = this.waiting.indexOf(runId);
    if (index >= 0) {
      this.waiting.splice(index, 1);
      return { state: 'removed' };
    }
    const controller = this.active.get(runId);
    if (!controller) return undefined;
    if (!controller.signal.aborted) controller.abort(new Error(reason));
    return { state: 'aborted', done: this.doneOf.get(runId) ?? Promise.resolve() };
  }

  /** Aborts every running job. */
  abortAll(reason: string): void {
    for (const controller of this.active.values()) controller.abort(new Error(reason));
  }

  /** Resolves when nothing runs and nothing waits, or after `timeoutMs`; true when idle. */
  async idle(timeoutMs = Infinity): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.settled.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        if (Number.isFinite(left)) timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.allSettled([...this.settled]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }

  private pump(): void {
    while (this.active.size < this.limit && this.waiting.length > 0) {
      const runId = this.waiting.shift() as string;
      const controller = new AbortController();
      this.active.set(runId, controller);
      // The job is called synchronously, so whatever it does before its first await (marking the
      // run as running) has happened when submit() returns.
      const done: Promise<void> = this.job(runId, controller.signal)
        .catch(() => undefined)
        .finally(() => {
          this.active.delete(runId);
          this.doneOf.delete(runId);
          this.settled.delete(done);
          this.pump();
        });
      this.settled.add(done);
      this.doneOf.set(runId, done);
    }
  }
}
