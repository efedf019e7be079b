/**
 * Test runs, their step results, and the credit movements that go with them. Reserving and
 * settling credits happen in the same transaction as the run's own change, so the ledger and the
 * runs never disagree.
 */
import type { StepResult } from '../engine/contract.js';
import type { Db } from './database.js';
import { matchesRef, newId, refParams } from './ids.js';
import type { Ledger } from './ledger.js';
import type { NewRun, RunEnd, RunRow, StepResultRow } from './types.js';

type RawRun = Omit<RunRow, 'console_errors' | 'network_failures'> & { console_errors: string; network_failures: string };

const toRun = (raw: RawRun): RunRow => ({
  ...raw,
  console_errors: JSON.parse(raw.console_errors) as string[],
  network_failures: JSON.parse(raw.network_failures) as string[],
});

export type ReserveResult = { ok: true; runId: string } | { ok: false; available: number };

export class RunRepository {
  constructor(
    private readonly db: Db,
    private readonly ledger: Ledger,
  ) {}

  /**
   * Checks the user's balance and reserves the cost in one IMMEDIATE transaction: it holds the
   * write lock from the first read, so concurrent starts (in this process or another) cannot
   * overspend. The run starts pending, leased to the process that queued it.
   */
  reserve(run: NewRun): ReserveResult {
    return this.db.transaction((): ReserveResult => {
      const available = this.ledger.balance(run.user);
      if (available < run.cost) return { ok: false, available };
      const runId = newId();
      this.db
        .prepare(
          `INSERT INTO test_runs (id, owner_user, test_definition_id, status, name, target_url, test_type, total_steps, credits_reserved,
                                  session_id, owner_pid, owner_instance, lease_expires_at, created_at)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          run.user,
          run.definition.id,
          run.definition.name,
          run.definition.target_url,
          run.definition.test_type,
          run.totalSteps,
          run.cost,
          run.sessionId,
          run.owner.pid,
          run.owner.instance,
          run.leaseUntil,
          new Date().toISOString(),
        );
      this.ledger.record(run.user, -run.cost, 'reserve', runId, `run ${runId} started`);
      return { ok: true, runId };
    }).immediate();
  }

  saveStep(runId: string, step: StepResult): void {
    this.db
      .prepare(
        `INSERT INTO step_results (test_run_id, step_number, step_text, status, duration_ms, matched, error)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (test_run_id, step_number) DO UPDATE SET
           step_text = excluded.step_text, status = excluded.status, duration_ms = excluded.duration_ms,
           matched = excluded.matched, error = excluded.error`,
      )
      .run(runId, step.stepNumber, step.stepText, step.status, Math.round(step.durationMs), step.matched ?? null, step.error ?? null);
  }

  /** Stores the final step results and closes the run, all or nothing (so a failed write can simply be retried). */
  settle(runId: string, steps: readonly StepResult[], end: RunEnd): void {
    this.db.transaction(() => {
      for (const step of steps) this.saveStep(runId, step);
      this.finish(runId, end);
    }).immediate();
  }

  /**
   * Closes an open run and refunds what it did not use; a run already closed is left alone, so
   * whoever closes it first (its process, a shutdown, a recovery elsewhere) refunds it, once.
   * Returns whether this call closed it.
   */
  finish(runId: string, end: RunEnd): boolean {
    return this.db.transaction(() => {
      const run = this.get(runId);
      if (!run || (run.status !== 'pending' && run.status !== 'running')) return false;
      const used = Math.min(Math.max(0, Math.floor(end.creditsUsed)), run.credits_reserved);
      this.db
        .prepare(
          `UPDATE test_runs SET status = ?, credits_used = ?, error = ?, failed_step = ?, gif_path = ?, console_errors = ?,
                                network_failures = ?, total_steps = ?, completed_at = ?
           WHERE id = ?`,
        )
        .run(
          end.status,
          used,
          end.error ?? null,
          end.failedStep ?? null,
          end.gifPath ?? null,
          JSON.stringify(end.consoleErrors ?? []),
          JSON.stringify(end.networkFailures ?? []),
          end.totalSteps ?? run.total_steps,
          new Date().toISOString(),
          run.id,
        );
      const refund = run.credits_reserved - used;
      if (refund > 0) this.ledger.record(run.owner_user, refund, 'refund', runId, `run ${runId} ${end.status}: unused credits`);
      return true;
    }).immediate();
  }

  /** Steps that cost a credit so far (passed or failed; skipped steps are free). */
  chargedSteps(runId: string): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM step_results WHERE test_run_id = ? AND status != 'skipped'`).get(runId) as { n: number }
    ).n;
  }

  /**
   * By UUID, or by the whole-number id of a run made before ids were UUIDs; any user's run: for the
   * process executing or settling it, never for an answer to a caller.
   */
  get(ref: string): RunRow | undefined {
    const raw = this.db.prepare(`SELECT * FROM test_runs r WHERE ${matchesRef('r')}`).get(refParams(ref)) as RawRun | undefined;
    return raw && toRun(raw);
  }

  /** The user's own run (by UUID or legacy id); another user's reads as missing. */
  getFor(user: string, ref: string): RunRow | undefined {
    const raw = this.db.prepare(`SELECT * FROM test_runs r WHERE ${matchesRef('r')} AND r.owner_user = @user`).get({ ...refParams(ref), user }) as RawRun | undefined;
    return raw && toRun(raw);
  }

  /** A pending run's place in its user's queue (1 = next to start), across every process. */
  queuePosition(run: RunRow): number | undefined {
    if (run.status !== 'pending') return undefined;
    const { ahead } = this.db
      .prepare(
        `SELECT COUNT(*) AS ahead FROM test_runs
         WHERE owner_user = @user AND status = 'pending'
           AND (created_at < @created OR (created_at = @created AND rowid < (SELECT rowid FROM test_runs WHERE id = @id)))`,
      )
      .get({ user: run.owner_user, created: run.created_at, id: run.id }) as { ahead: number };
    return ahead + 1;
  }

  steps(runId: string): StepResultRow[] {
    return this.db
      .prepare('SELECT step_number, step_text, status, duration_ms, matched, error FROM step_results WHERE test_run_id = ? ORDER BY step_number')
      .all(runId) as StepResultRow[];
  }

  /** Every user's runs by status (the team server's /metrics). */
  countByStatus(): Record<string, number> {
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM test_runs GROUP BY status').all() as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  /** The user's runs with a recording, newest first. */
  withRecordings(user: string): Array<Pick<RunRow, 'id' | 'name' | 'gif_path' | 'completed_at'>> {
    return this.db
      .prepare('SELECT id, name, gif_path, completed_at FROM test_runs WHERE owner_user = ? AND gif_path IS NOT NULL ORDER BY created_at DESC, rowid DESC')
      .all(user) as Array<Pick<RunRow, 'id' | 'name' | 'gif_path' | 'completed_at'>>;
  }
}
