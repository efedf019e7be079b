/**
 * The Testr run queue on PostgreSQL: pg-boss on the same database, in its own schema beside the
 * Testr one. A job is created in the transaction that reserves the credits and writes the run
 * (pg-boss runs its insert on that transaction's connection), so there is never a reservation
 * without a job nor a job without a reservation. Workers (`testio-mcp worker`, and `serve` unless
 * TESTR_WORKER_CONCURRENCY=0) take jobs; a job only names a run, and the run's own row decides
 * (claimed only while pending), so a job delivered twice, or retried after its worker died, never
 * executes a run twice. A worker killed mid-run is covered by the run's heartbeat lease (the run is
 * closed as interrupted by any live process); its job, expired later, finds the run closed.
 */
import { CompiledQuery } from 'kysely';
import type PgBoss from 'pg-boss';
import { errorText } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { Queryable } from './store/index.js';

export const RUN_QUEUE = 'testr-run';
/** A run waiting for its user's slot is offered again this often (seconds). */
const RETRY_DELAY_S = 2;
/** Polling between jobs (seconds); a free worker sees a new run within this. */
const POLL_S = 0.5;

export type QueuedOutcome = 'done' | 'wait';

export class RunQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
  ) {}

  static async start(databaseUrl: string, schema: string, logger: Logger): Promise<RunQueue> {
    const { default: PgBossClass } = await import('pg-boss');
    // No cron scheduling (unused); maintenance keeps expiring and archiving jobs on every process.
    const boss = new PgBossClass({ connectionString: databaseUrl, schema, max: 4, schedule: false });
    boss.on('error', (error: Error) => logger.warning('Testr queue error', { error: errorText(error) }));
    try {
      await boss.start();
      await createQueueOnce(boss);
    } catch (error) {
      await boss.stop({ graceful: false, wait: true, close: true }).catch(() => undefined);
      throw error;
    }
    return new RunQueue(boss, logger);
  }

  /** Creates the run's job on the reserving transaction's connection (committed or rolled back with it). */
  async enqueue(tx: Queryable, runId: string): Promise<void> {
    const db: PgBoss.Db = {
      executeSql: async (text, values) => ({ rows: [...(await tx.executeQuery(CompiledQuery.raw(text, values))).rows] }),
    };
    await this.boss.send(RUN_QUEUE, { runId }, { db, singletonKey: runId });
  }

  /**
   * Takes up to `concurrency` jobs at once; `execute` runs one and resolves when it is over, or says
   * `wait` (the user has 5 runs going, or this process is stopping): the job is offered again later.
   */
  async work(concurrency: number, execute: (runId: string) => Promise<QueuedOutcome>): Promise<void> {
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work<{ runId: string }>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: POLL_S }, async ([job]) => {
        if (!job) return;
        if ((await execute(job.data.runId)) === 'wait') throw new Error(`run ${job.data.runId} cannot start yet`);
      });
    }
    this.logger.debug('Executing queued Testr runs', { concurrency });
  }

  /** Stops taking jobs and closes the queue's connections; jobs in hand are left to expire and retry elsewhere. */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5_000, wait: true, close: true }).catch((error: unknown) => this.logger.warning('Could not stop the Testr queue', { error: errorText(error) }));
  }
}

/** The queue's options; created by the first process, found by the others. */
async function createQueueOnce(boss: PgBoss): Promise<void> {
  // Replicas starting at once may deadlock inside pg-boss's createQueue: look again, then retry.
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(RUN_QUEUE)) return;
      await boss.createQueue(RUN_QUEUE, {
        name: RUN_QUEUE,
        // A job waits while its user has 5 runs going: offered again every RETRY_DELAY_S, for days.
        retryLimit: 100_000,
        retryDelay: RETRY_DELAY_S,
        // Longer than any run; an expired job is retried and finds its run closed.
        expireInSeconds: 4 * 3600,
      });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
