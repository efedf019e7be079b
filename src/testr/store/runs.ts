/**
 * Test runs, their step results, and the credit movements that go with them. Reserving and
 * settling credits happen in the same transaction as the run's own change, so the ledger and the
 * runs never disagree.
 */
import type { StepResult } from '../engine/contract.js';
import type { Db } from './database.js';
import { matchesRef, newId, refParams } from './ids.js';
import type { Ledger } from './ledger.js';
import type { NewRun, RunEnd, RunOwner, RunRow, StepResultRow } from './types.js';

type RawRun = Omit<RunRow, 'console_errors' | 'network_failures'> & { console_errors: string; network_failures: string };

const toRun = (raw: RawRun): RunRow => ({
  ...raw,
  console_errors: JSON.parse(raw.console_errors) as string[],
  network_failures: JSON.parse(raw.network_failures) as string[],
});

export type ReserveResult = { ok: true; runId: string } | { ok: false; available: number };

export const INTERRUPTED = 'interrupted: the server stopped before the run finished';

export class RunRepository {
  constructor(
    private readonly db: Db,
    private readonly ledger: Ledger,
  ) {}

  /**
   * Checks the balance and reserves the cost in one IMMEDIATE transaction: it holds the write lock
   * from the first read, so concurrent starts (in this process or another) cannot overspend.
   */
  reserve(run: NewRun): ReserveResult {
    return this.db.transaction((): ReserveResult => {
      const available = this.ledger.balance();
      if (available < run.cost) return { ok: false, available };
      const runId = newId();
      this.db
        .prepare(
          `INSERT INTO test_runs (id, test_definition_id, status, name, target_url, test_type, total_steps, credits_reserved,
                                  session_id, owner_pid, owner_instance, created_at)
           VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          run.definition.id,
          run.definition.name,
          run.definition.target_url,
          run.definition.test_type,
          run.totalSteps,
          run.cost,
          run.sessionId,
          run.owner.pid,
          run.owner.instance,
          new Date().toISOString(),
        );
      this.ledger.record(-run.cost, 'reserve', runId, `run ${runId} started`);
      return { ok: true, runId };
    }).immediate();
  }

  markRunning(runId: string): void {
    this.db.prepare(`UPDATE test_runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'pending'`).run(new Date().toISOString(), runId);
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

  /** Closes an open run and refunds what it did not use; a run already closed is left alone. */
  finish(runId: string, end: RunEnd): void {
    this.db.transaction(() => {
      const run = this.get(runId);
      if (!run || (run.status !== 'pending' && run.status !== 'running')) return;
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
      if (refund > 0) this.ledger.record(refund, 'refund', runId, `run ${runId} ${end.status}: unused credits`);
    }).immediate();
  }

  /** Steps that cost a credit so far (passed or failed; skipped steps are free). */
  chargedSteps(runId: string): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM step_results WHERE test_run_id = ? AND status != 'skipped'`).get(runId) as { n: number }
    ).n;
  }

  /**
   * Closes as failed every open run whose server is gone (crash or kill), charging only the steps
   * it recorded. `isOrphan` decides from the run's owner; runs of a live server are left alone.
   */
  recoverInterrupted(isOrphan: (owner: RunOwner) => boolean): string[] {
    const open = this.db
      .prepare(`SELECT id, owner_pid AS pid, owner_instance AS instance FROM test_runs WHERE status IN ('pending', 'running')`)
      .all() as Array<RunOwner & { id: string }>;
    const orphans = open.filter(isOrphan).map((run) => run.id);
    for (const id of orphans) {
      this.finish(id, { status: 'failed', creditsUsed: this.chargedSteps(id), error: INTERRUPTED });
    }
    return orphans;
  }

  /** Open (pending or running) runs of one server instance. */
  openRunsOf(instance: string): string[] {
    return (
      this.db.prepare(`SELECT id FROM test_runs WHERE status IN ('pending', 'running') AND owner_instance = ?`).all(instance) as Array<{ id: string }>
    ).map((run) => run.id);
  }

  /** By UUID, or by the whole-number id of a run made before ids were UUIDs. */
  get(ref: string): RunRow | undefined {
    const raw = this.db.prepare(`SELECT * FROM test_runs r WHERE ${matchesRef('r')}`).get(refParams(ref)) as RawRun | undefined;
    return raw && toRun(raw);
  }

  steps(runId: string): StepResultRow[] {
    return this.db
      .prepare('SELECT step_number, step_text, status, duration_ms, matched, error FROM step_results WHERE test_run_id = ? ORDER BY step_number')
      .all(runId) as StepResultRow[];
  }

  /** Runs with a recording, newest first. */
  withRecordings(): Array<Pick<RunRow, 'id' | 'name' | 'gif_path' | 'completed_at'>> {
    return this.db
      .prepare('SELECT id, name, gif_path, completed_at FROM test_runs WHERE gif_path IS NOT NULL ORDER BY created_at DESC, rowid DESC')
      .all() as Array<Pick<RunRow, 'id' | 'name' | 'gif_path' | 'completed_at'>>;
  }
}
