/**
 * Stores the end of a run (its steps, status, charge and refund), retrying while the database
 * cannot be written for a reason that passes (disk full, I/O error, a lock held too long), so a
 * full disk does not leave the run `running` with its credits held until a restart. While a
 * result waits, the run's status says so and the condition is logged.
 */
import { errorText } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { StepResult } from './engine/contract.js';
import type { TestrStore } from './store/index.js';
import type { RunEnd } from './store/types.js';

// SQLite's full disk, I/O error and locks; PostgreSQL's lost connection (node errors, class 08), disk full (53100), serialization (40xxx), shutdown (57P0x).
const TRANSIENT = /^(SQLITE_(FULL|IOERR|BUSY|LOCKED)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|08|53100|40001|40P01|57P0)/;
const codeOf = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');

export const isTransientWriteError = (error: unknown) => TRANSIENT.test(codeOf(error));

/** Why a write failed, in words a user can act on. */
export function writeProblem(error: unknown, dataDir: string): string {
  const code = codeOf(error);
  return code === 'SQLITE_FULL'
    ? `the disk holding ${dataDir} is full (${code})`
    : `the Testr database in ${dataDir} cannot be written (${code || errorText(error)})`;
}

export interface SettlementOptions {
  store: () => TestrStore | undefined;
  logger: Logger;
  dataDir: string;
  /** First wait before a retry; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

export class Settlements {
  private readonly waiting = new Map<string, string>();
  private readonly stopping = new AbortController();
  private readonly retryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: SettlementOptions) {
    this.retryMs = options.retryMs ?? 2_000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
  }

  /** For a run whose result is waiting to be stored: what is wrong, for its status. */
  warningFor(runId: string): string | undefined {
    return this.waiting.get(runId);
  }

  get waitingCount(): number {
    return this.waiting.size;
  }

  /** Shutdown: stop waiting; what is still unstored is closed as interrupted at the next start. */
  stop(): void {
    this.stopping.abort();
  }

  /** Resolves once the end is stored, or when it cannot be (logged; never throws). */
  async store(runId: string, steps: readonly StepResult[], end: RunEnd, recording?: Buffer): Promise<void> {
    const { logger } = this.options;
    for (let attempt = 1; ; attempt++) {
      const store = this.options.store();
      if (!store) return;
      try {
        await store.runs.settle(runId, steps, end, recording);
        if (this.waiting.delete(runId)) logger.info('Stored the end of a Testr run once the database could be written again', { runId, attempts: attempt });
        return;
      } catch (error) {
        if (!isTransientWriteError(error)) {
          logger.error('Could not store the end of a Testr run', { runId, error: errorText(error) });
          this.waiting.delete(runId);
          return;
        }
        const problem = writeProblem(error, this.options.dataDir);
        if (!this.waiting.has(runId)) {
          logger.error('Cannot store the end of a Testr run; retrying until it can be written', { runId, status: end.status, problem });
        }
        this.waiting.set(
          runId,
          `The run has ended (${end.status}) but its result cannot be stored yet: ${problem}. The server keeps retrying; the reserved credits are settled as soon as it succeeds. Free some disk space.`,
        );
        if (this.stopping.signal.aborted) {
          logger.warning('Server stopping with a Testr run result unstored; it is closed as interrupted at the next start', { runId });
          return;
        }
        await this.pause(Math.min(this.retryMs * 2 ** Math.min(attempt - 1, 16), this.maxRetryMs));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.stopping.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}
