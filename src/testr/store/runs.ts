/**
 * Test runs, their step results, and the credit movements that go with them. Reserving and
 * settling credits happen in the same transaction as the run's own change, so the ledger and the
 * runs never disagree.
 */
import { sql } from 'kysely';
import type { StepResult } from '../engine/contract.js';
import type { TestrDb } from './connection.js';
import { matchesRef, newId } from './ids.js';
import type { Ledger } from './ledger.js';
import { all, exec, first, forUpdate, lockUser, type Queryable } from './sql.js';
import type { NewRun, RunEnd, RunRow, StepResultRow } from './types.js';

type RawRun = Omit<RunRow, 'console_errors' | 'network_failures'> & { console_errors: string; network_failures: string };

const RUN_COLUMNS = sql`r.id, r.legacy_id, r.test_definition_id, r.status, r.name, r.target_url, r.test_type, r.total_steps, r.credits_reserved,
  r.credits_used, r.session_id, r.owner_user, r.owner_pid, r.owner_instance, r.lease_expires_at, r.gif_path, r.failed_step, r.error,
  r.console_errors, r.network_failures, r.created_at, r.started_at, r.completed_at`;

const toRun = (raw: RawRun): RunRow => ({
  ...raw,
  lease_expires_at: Number(raw.lease_expires_at),
  console_errors: JSON.parse(raw.console_errors) as string[],
  network_failures: JSON.parse(raw.network_failures) as string[],
});

export type ReserveResult = { ok: true; runId: string } | { ok: false; available: number };

/** What a run reserved in a transaction, before that transaction commits (the queue's job is created in the same one). */
export type ReserveHook = (tx: Queryable, runId: string) => Promise<void>;

export class RunRepository {
  constructor(
    private readonly store: TestrDb,
    private readonly ledger: Ledger,
  ) {}

  /**
   * Checks the user's balance and reserves the cost in one write transaction holding the user's
   * lock from the first read (IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so concurrent
   * starts (in this process or another) cannot overspend. The run starts pending, leased to the
   * process that queued it. `alsoInTransaction` runs before the commit (a queue job), so both or
   * neither are stored.
   */
  reserve(run: NewRun, alsoInTransaction?: ReserveHook): Promise<ReserveResult> {
    return this.store.write(async (tx): Promise<ReserveResult> => {
      await lockUser(tx, this.store.dialect, run.user);
      const available = await this.ledger.balance(run.user, tx);
      if (available < run.cost) return { ok: false, available };
      const runId = newId();
      await exec(
        tx,
        sql`INSERT INTO test_runs (id, owner_user, test_definition_id, status, name, target_url, test_type, total_steps, credits_reserved,
                                   session_id, owner_pid, owner_instance, lease_expires_at, created_at)
            VALUES (${runId}, ${run.user}, ${run.definition.id}, 'pending', ${run.definition.name}, ${run.definition.target_url},
                    ${run.definition.test_type}, ${run.totalSteps}, ${run.cost}, ${run.sessionId}, ${run.owner.pid}, ${run.owner.instance},
                    ${run.leaseUntil}, ${new Date().toISOString()})`,
      );
      await this.ledger.record(tx, run.user, -run.cost, 'reserve', runId, `run ${runId} started`);
      await alsoInTransaction?.(tx, runId);
      return { ok: true, runId };
    });
  }

  async saveStep(runId: string, step: StepResult, q: Queryable = this.store.db): Promise<void> {
    await exec(
      q,
      sql`INSERT INTO step_results (test_run_id, step_number, step_text, status, duration_ms, matched, error)
          VALUES (${runId}, ${step.stepNumber}, ${step.stepText}, ${step.status}, ${Math.round(step.durationMs)}, ${step.matched ?? null}, ${step.error ?? null})
          ON CONFLICT (test_run_id, step_number) DO UPDATE SET
            step_text = excluded.step_text, status = excluded.status, duration_ms = excluded.duration_ms,
            matched = excluded.matched, error = excluded.error`,
    );
  }

  /**
   * Stores the final step results (and, on PostgreSQL, the recording) and closes the run, all or
   * nothing (so a failed write can simply be retried).
   */
  async settle(runId: string, steps: readonly StepResult[], end: RunEnd, recording?: Buffer): Promise<void> {
    await this.store.write(async (tx) => {
      for (const step of steps) await this.saveStep(runId, step, tx);
      if (recording) {
        await exec(tx, sql`INSERT INTO recordings (test_run_id, data) VALUES (${runId}, ${recording}) ON CONFLICT (test_run_id) DO UPDATE SET data = excluded.data`);
      }
      await this.finish(runId, end, tx);
    });
  }

  /**
   * Closes an open run and refunds what it did not use; a run already closed is left alone, so
   * whoever closes it first (its process, a shutdown, a recovery elsewhere) refunds it, once: the
   * run's row is read under the transaction's lock. Returns whether this call closed it.
   */
  finish(runId: string, end: RunEnd, tx?: Queryable): Promise<boolean> {
    if (!tx) return this.store.write((inner) => this.finish(runId, end, inner));
    return (async () => {
      const run = await this.lockedOpen(tx, runId);
      if (!run) return false;
      const used = Math.min(Math.max(0, Math.floor(end.creditsUsed)), run.credits_reserved);
      await exec(
        tx,
        sql`UPDATE test_runs SET status = ${end.status}, credits_used = ${used}, error = ${end.error ?? null}, failed_step = ${end.failedStep ?? null},
                                 gif_path = ${end.gifPath ?? null}, console_errors = ${JSON.stringify(end.consoleErrors ?? [])},
                                 network_failures = ${JSON.stringify(end.networkFailures ?? [])}, total_steps = ${end.totalSteps ?? run.total_steps},
                                 completed_at = ${new Date().toISOString()}
            WHERE id = ${run.id}`,
      );
      const refund = run.credits_reserved - used;
      if (refund > 0) await this.ledger.record(tx, run.owner_user, refund, 'refund', runId, `run ${runId} ${end.status}: unused credits`);
      return true;
    })();
  }

  /** The run, if still open, its row locked until the transaction ends. */
  private async lockedOpen(tx: Queryable, runId: string): Promise<Pick<RunRow, 'id' | 'credits_reserved' | 'total_steps' | 'owner_user'> | undefined> {
    return first(
      tx,
      sql<Pick<RunRow, 'id' | 'credits_reserved' | 'total_steps' | 'owner_user'>>`SELECT id, credits_reserved, total_steps, owner_user FROM test_runs
        WHERE id = ${runId} AND status IN ('pending', 'running')${forUpdate(this.store.dialect)}`,
    );
  }

  /** Steps that cost a credit so far (passed or failed; skipped steps are free). */
  async chargedSteps(runId: string, q: Queryable = this.store.db): Promise<number> {
    const row = await first<{ n: number }>(q, sql`SELECT COUNT(*) AS n FROM step_results WHERE test_run_id = ${runId} AND status != 'skipped'`);
    return Number(row?.n ?? 0);
  }

  /**
   * By UUID, or by the whole-number id of a run made before ids were UUIDs; any user's run: for the
   * process executing or settling it, never for an answer to a caller.
   */
  async get(ref: string, q: Queryable = this.store.db): Promise<RunRow | undefined> {
    const raw = await first<RawRun>(q, sql`SELECT ${RUN_COLUMNS} FROM test_runs r WHERE ${matchesRef('r', ref)}`);
    return raw && toRun(raw);
  }

  /** The user's own run (by UUID or legacy id); another user's reads as missing. */
  async getFor(user: string, ref: string): Promise<RunRow | undefined> {
    const raw = await first<RawRun>(this.store.db, sql`SELECT ${RUN_COLUMNS} FROM test_runs r WHERE ${matchesRef('r', ref)} AND r.owner_user = ${user}`);
    return raw && toRun(raw);
  }

  /** A pending run's place in its user's queue (1 = next to start), across every process. */
  async queuePosition(run: RunRow): Promise<number | undefined> {
    if (run.status !== 'pending') return undefined;
    const row = await first<{ ahead: number }>(
      this.store.db,
      sql`SELECT COUNT(*) AS ahead FROM test_runs
          WHERE owner_user = ${run.owner_user} AND status = 'pending'
            AND (created_at < ${run.created_at} OR (created_at = ${run.created_at} AND rowid < (SELECT rowid FROM test_runs WHERE id = ${run.id})))`,
    );
    return Number(row?.ahead ?? 0) + 1;
  }

  steps(runId: string): Promise<StepResultRow[]> {
    return all<StepResultRow>(
      this.store.db,
      sql`SELECT step_number, step_text, status, duration_ms, matched, error FROM step_results WHERE test_run_id = ${runId} ORDER BY step_number`,
    );
  }

  /** Every user's runs by status (the team server's /metrics). */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await all<{ status: string; n: number }>(this.store.db, sql`SELECT status, COUNT(*) AS n FROM test_runs GROUP BY status`);
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  }

  /** The user's runs with a recording, newest first. */
  withRecordings(user: string): Promise<Array<Pick<RunRow, 'id' | 'name' | 'gif_path' | 'completed_at'>>> {
    return all(
      this.store.db,
      sql<Pick<RunRow, 'id' | 'name' | 'gif_path' | 'completed_at'>>`SELECT id, name, gif_path, completed_at FROM test_runs
        WHERE owner_user = ${user} AND gif_path IS NOT NULL ORDER BY created_at DESC, rowid DESC`,
    );
  }

  /** A recording stored in the database (PostgreSQL); undefined when there is none. */
  async recording(runId: string): Promise<Buffer | undefined> {
    if (this.store.dialect !== 'postgres') return undefined;
    const row = await first<{ data: Buffer }>(this.store.db, sql`SELECT data FROM recordings WHERE test_run_id = ${runId}`);
    return row?.data;
  }
}
