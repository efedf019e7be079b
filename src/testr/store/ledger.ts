/** The credit ledger: a user's balance is the sum of that user's movements. */
import type { Db } from './database.js';

export type LedgerKind = 'opening' | 'reserve' | 'refund' | 'adjustment';

export interface LedgerRow {
  id: number;
  amount: number;
  kind: LedgerKind;
  test_run_id: string | null;
  owner_user: string;
  note: string | null;
  created_at: string;
}

export class Ledger {
  constructor(private readonly db: Db) {}

  balance(user: string): number {
    return (this.db.prepare('SELECT COALESCE(SUM(amount), 0) AS balance FROM credit_ledger WHERE owner_user = ?').get(user) as { balance: number }).balance;
  }

  record(user: string, amount: number, kind: LedgerKind, runId: string | null, note?: string): void {
    this.db
      .prepare('INSERT INTO credit_ledger (owner_user, amount, kind, test_run_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(user, amount, kind, runId, note ?? null, new Date().toISOString());
  }

  /**
   * Gives a user seen for the first time their opening balance, once: the check and the insert are
   * one statement, so two processes meeting a new user at once cannot both credit them.
   */
  ensureOpening(user: string, credits: number): void {
    this.db
      .prepare(
        `INSERT INTO credit_ledger (owner_user, amount, kind, note, created_at)
         SELECT @user, @credits, 'opening', 'opening balance', @now
         WHERE NOT EXISTS (SELECT 1 FROM credit_ledger WHERE owner_user = @user AND kind = 'opening')`,
      )
      .run({ user, credits, now: new Date().toISOString() });
  }

  forRun(runId: string): LedgerRow[] {
    return this.db.prepare('SELECT * FROM credit_ledger WHERE test_run_id = ? ORDER BY id').all(runId) as LedgerRow[];
  }
}
