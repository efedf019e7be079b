/**
 * Heartbeat leases on open runs, so several processes can share one database (a user's Claude
 * Desktop and Cursor each start a server; two containers share a volume). An open run carries the
 * random instance id of the process holding it and a lease expiry: the process that queued it
 * while it is pending, the process executing it while it runs. The holder renews its leases every
 * few seconds; a run whose lease expired is closed as failed (interrupted) by whichever process
 * sees it first, and only then. Pids play no part: they repeat across containers.
 *
 * Claiming a pending run happens in one IMMEDIATE transaction that also counts the user's running
 * runs, so the per-user limit holds across every process on the database.
 */
import type { Db } from './database.js';
import type { RunRepository } from './runs.js';
import type { RunEnd, RunOwner, RunRow } from './types.js';

export const INTERRUPTED = 'interrupted: the server stopped before the run finished';

const OPEN = `status IN ('pending', 'running')`;

export class LeaseRepository {
  constructor(
    private readonly db: Db,
    private readonly runs: RunRepository,
  ) {}

  /**
   * Starts the oldest pending run (first in, first out over all users) whose user has fewer than
   * `perUserLimit` runs running, in any process, and whose queuing process still lives; the
   * claimant takes its lease. Undefined when none may start now.
   */
  claimNext(owner: RunOwner, leaseUntil: number, perUserLimit: number): RunRow | undefined {
    // A plain read first: most beats find nothing to start and need no write lock.
    if (!this.nextClaimable(perUserLimit)) return undefined;
    return this.db.transaction((): RunRow | undefined => {
      const next = this.nextClaimable(perUserLimit);
      if (!next) return undefined;
      this.db
        .prepare(
          `UPDATE test_runs SET status = 'running', started_at = ?, owner_pid = ?, owner_instance = ?, lease_expires_at = ?
           WHERE id = ? AND status = 'pending'`,
        )
        .run(new Date().toISOString(), owner.pid, owner.instance, leaseUntil, next.id);
      return this.runs.get(next.id);
    }).immediate();
  }

  private nextClaimable(perUserLimit: number): { id: string } | undefined {
    return this.db
      .prepare(
        `SELECT r.id FROM test_runs r
         WHERE r.status = 'pending' AND r.lease_expires_at >= @now
           AND (SELECT COUNT(*) FROM test_runs x WHERE x.owner_user = r.owner_user AND x.status = 'running') < @limit
         ORDER BY r.created_at, r.rowid LIMIT 1`,
      )
      .get({ now: Date.now(), limit: perUserLimit }) as { id: string } | undefined;
  }

  /** Extends every lease the instance holds; returns the ids of the open runs it still holds. */
  renew(instance: string, leaseUntil: number): Set<string> {
    // Holding nothing (most beats of an idle server): no write at all.
    if (this.heldBy(instance).length === 0) return new Set();
    return this.db.transaction(() => {
      this.db.prepare(`UPDATE test_runs SET lease_expires_at = ? WHERE owner_instance = ? AND ${OPEN}`).run(leaseUntil, instance);
      return new Set(this.heldBy(instance).map((run) => run.id));
    }).immediate();
  }

  /** Open runs held by one instance, oldest first. */
  heldBy(instance: string): Array<Pick<RunRow, 'id' | 'status'>> {
    return this.db.prepare(`SELECT id, status FROM test_runs WHERE owner_instance = ? AND ${OPEN} ORDER BY created_at, rowid`).all(instance) as Array<
      Pick<RunRow, 'id' | 'status'>
    >;
  }

  /**
   * Closes the open runs the instance holds (`statuses` of them), in one transaction, so a pending
   * run another process claims at the same moment is never closed under it. Returns their ids.
   */
  closeHeld(instance: string, statuses: ReadonlyArray<'pending' | 'running'>, end: (runId: string) => RunEnd): string[] {
    return this.db.transaction(() =>
      this.heldBy(instance)
        .filter((run) => (statuses as readonly string[]).includes(run.status))
        .flatMap((run) => (this.runs.finish(run.id, end(run.id)) ? [run.id] : [])),
    ).immediate();
  }

  /**
   * Closes as failed (interrupted) every open run whose lease has expired, charging only the steps
   * it recorded. The expiry is checked again inside each closing transaction, so a lease renewed
   * in the meantime keeps its run; finish() closes a run once, so it is refunded once.
   */
  recoverExpired(): string[] {
    const expired = this.db.prepare(`SELECT id FROM test_runs WHERE ${OPEN} AND lease_expires_at < ?`).all(Date.now()) as Array<{ id: string }>;
    const recovered: string[] = [];
    for (const { id } of expired) {
      const closed = this.db.transaction(() => {
        const still = this.db.prepare(`SELECT 1 FROM test_runs WHERE id = ? AND ${OPEN} AND lease_expires_at < ?`).get(id, Date.now());
        return still ? this.runs.finish(id, { status: 'failed', creditsUsed: this.runs.chargedSteps(id), error: INTERRUPTED }) : false;
      }).immediate();
      if (closed) recovered.push(id);
    }
    return recovered;
  }
}
