/** The credit ledger: the balance is the sum of every movement. */
import type { Db } from './database.js';

export type LedgerKind = 'opening' | 'reserve' | 'refund' | 'adjustment';

export interface LedgerRow {
  id: number;
  amount: number;
  kind: LedgerKind;
  test_run_id: string | null;
  note: string | null;
  created_at: string;
}

export class Ledger {
  constructor(private readonly db: Db) {}

  balance(): number {
    return (this.db.prepare('SELECT COALESCE(SUM(amount), 0) AS balance FROM credit_ledger').get() as { balance: number }).balance;
  }

  record(amount: number, kind: LedgerKind, runId: string | null, note?: string): void {
    this.db
      .prepare('INSERT INTO credit_ledger (amount, kind, test_run_id, note, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(amount, kind, runId, note ?? null, new Date().toISOString());
  }

  forRun(runId: string): LedgerRow[] {
    return this.db.prepare('SELECT * FROM credit_ledger WHERE test_run_id = ? ORDER BY id').all(runId) as LedgerRow[];
  }
}
