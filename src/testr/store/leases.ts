/**
 * Heartbeat leases on open runs, so several processes can share one database (a user's Claude
 * Desktop and Cursor each start a server; two containers share a volume; replicas and workers
 * share a PostgreSQL). An open run carries the random instance id of the process holding it and a
 * lease expiry: the process that queued it while it is pending, the process executing it while it
 * runs. The holder renews its leases every few seconds; a run whose lease expired is closed as
 * failed (interrupted) by whichever process sees it first, and only then. Pids play no part: they
 * repeat across containers.
 *
 * Claiming a pending run happens in one write transaction that also counts the user's running
 * runs (IMMEDIATE on SQLite, the claim lock on PostgreSQL), so the per-user limit holds across
 * every process on the database.
 */
import { sql } from 'kysely';
import type { TestrDb } from './connection.js';
import type { RunRepository } from './runs.js';
import { all, exec, first, forUpdate, lockClaims, type Queryable } from './sql.js';
import type { RunEnd, RunOwner, RunRow } from './types.js';

export const INTERRUPTED = 'interrupted: the server stopped before the run finished';

const OPEN = sql`status IN ('pending', 'running')`;

export class LeaseRepository {
  constructor(
    private readonly store: TestrDb,
    private readonly runs: RunRepository,
  ) {}

  /**
   * Starts the oldest pending run (first in, first out over all users) whose user has fewer than
   * `perUserLimit` runs running, in any process, and whose queuing process still lives; the
   * claimant takes its lease. `only` restricts it to one run (a queue job naming it). Undefined
   * when none may start now.
   */
  async claimNext(owner: RunOwner, leaseUntil: number, perUserLimit: number, only?: string): Promise<RunRow | undefined> {
    // A plain read first: most beats find nothing to start and need no write lock.
    if (!(await this.nextClaimable(this.store.db, perUserLimit, only))) return undefined;
    return this.store.write(async (tx): Promise<RunRow | undefined> => {
      await lockClaims(tx, this.store.dialect);
      const next = await this.nextClaimable(tx, perUserLimit, only);
      if (!next) return undefined;
      await exec(
        tx,
        sql`UPDATE test_runs SET status = 'running', started_at = ${new Date().toISOString()}, owner_pid = ${owner.pid}, owner_instance = ${owner.instance},
                                 lease_expires_at = ${leaseUntil}
            WHERE id = ${next.id} AND status = 'pending'`,
      );
      return this.runs.get(next.id, tx);
    });
  }

  private nextClaimable(q: Queryable, perUserLimit: number, only?: string): Promise<{ id: string } | undefined> {
    return first<{ id: string }>(
      q,
      sql`SELECT r.id FROM test_runs r
          WHERE r.status = 'pending' AND r.lease_expires_at >= ${Date.now()}${only === undefined ? sql`` : sql` AND r.id = ${only}`}
            AND (SELECT COUNT(*) FROM test_runs x WHERE x.owner_user = r.owner_user AND x.status = 'running') < ${perUserLimit}
          ORDER BY r.created_at, r.rowid LIMIT 1`,
    );
  }

  /** Extends every lease the instance holds; returns the ids of the open runs it still holds. */
  async renew(instance: string, leaseUntil: number): Promise<Set<string>> {
    // Holding nothing (most beats of an idle server): no write at all.
    if ((await this.heldBy(instance)).length === 0) return new Set();
    return this.store.write(async (tx) => {
      await exec(tx, sql`UPDATE test_runs SET lease_expires_at = ${leaseUntil} WHERE owner_instance = ${instance} AND ${OPEN}`);
      return new Set((await this.heldBy(instance, tx)).map((run) => run.id));
    });
  }

  /** Open runs held by one instance, oldest first. */
  heldBy(instance: string, q: Queryable = this.store.db): Promise<Array<Pick<RunRow, 'id' | 'status'>>> {
    return all(q, sql<Pick<RunRow, 'id' | 'status'>>`SELECT id, status FROM test_runs WHERE owner_instance = ${instance} AND ${OPEN} ORDER BY created_at, rowid`);
  }

  /**
   * Closes the open runs the instance holds (`statuses` of them), in one transaction, so a pending
   * run another process claims at the same moment is never closed under it. Returns their ids.
   */
  closeHeld(instance: string, statuses: ReadonlyArray<'pending' | 'running'>, end: (runId: string, tx: Queryable) => Promise<RunEnd> | RunEnd): Promise<string[]> {
    return this.store.write(async (tx) => {
      const closed: string[] = [];
      const held = await all<Pick<RunRow, 'id' | 'status'>>(
        tx,
        sql`SELECT id, status FROM test_runs WHERE owner_instance = ${instance} AND ${OPEN} ORDER BY created_at, rowid${forUpdate(this.store.dialect)}`,
      );
      for (const run of held) {
        if (!(statuses as readonly string[]).includes(run.status)) continue;
        if (await this.runs.finish(run.id, await end(run.id, tx), tx)) closed.push(run.id);
      }
      return closed;
    });
  }

  /**
   * Closes as failed (interrupted) every open run whose lease has expired, charging only the steps
   * it recorded. The expiry is checked again inside each closing transaction, under the run's
   * lock, so a lease renewed in the meantime keeps its run; finish() closes a run once, so it is
   * refunded once.
   */
  async recoverExpired(): Promise<string[]> {
    const expired = await all<{ id: string }>(this.store.db, sql`SELECT id FROM test_runs WHERE ${OPEN} AND lease_expires_at < ${Date.now()}`);
    const recovered: string[] = [];
    for (const { id } of expired) {
      const closed = await this.store.write(async (tx) => {
        const still = await first(tx, sql`SELECT 1 AS still FROM test_runs WHERE id = ${id} AND ${OPEN} AND lease_expires_at < ${Date.now()}${forUpdate(this.store.dialect)}`);
        return still ? this.runs.finish(id, { status: 'failed', creditsUsed: await this.runs.chargedSteps(id, tx), error: INTERRUPTED }, tx) : false;
      });
      if (closed) recovered.push(id);
    }
    return recovered;
  }
}
