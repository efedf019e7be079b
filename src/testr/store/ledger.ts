/** The credit ledger: a user's balance is the sum of that user's movements. */
import { sql } from 'kysely';
import type { TestrDb } from './connection.js';
import { all, exec, first, lockUser, type Queryable } from './sql.js';

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
  constructor(private readonly store: TestrDb) {}

  async balance(user: string, q: Queryable = this.store.db): Promise<number> {
    const row = await first<{ balance: number }>(q, sql`SELECT COALESCE(SUM(amount), 0) AS balance FROM credit_ledger WHERE owner_user = ${user}`);
    return Number(row?.balance ?? 0);
  }

  async record(tx: Queryable, user: string, amount: number, kind: LedgerKind, runId: string | null, note?: string): Promise<void> {
    await exec(
      tx,
      sql`INSERT INTO credit_ledger (owner_user, amount, kind, test_run_id, note, created_at)
          VALUES (${user}, ${amount}, ${kind}, ${runId}, ${note ?? null}, ${new Date().toISOString()})`,
    );
  }

  /**
   * Gives a user seen for the first time their opening balance, once: the check and the insert are
   * one statement in a write transaction holding the user's lock, so two processes meeting a new
   * user at once cannot both credit them.
   */
  async ensureOpening(user: string, credits: number): Promise<void> {
    await this.store.write(async (tx) => {
      await lockUser(tx, this.store.dialect, user);
      await exec(
        tx,
        sql`INSERT INTO credit_ledger (owner_user, amount, kind, note, created_at)
            SELECT ${user}, CAST(${credits} AS INTEGER), 'opening', 'opening balance', ${new Date().toISOString()}
            WHERE NOT EXISTS (SELECT 1 FROM credit_ledger WHERE owner_user = ${user} AND kind = 'opening')`,
      );
    });
  }

  forRun(runId: string): Promise<LedgerRow[]> {
    return all<LedgerRow>(this.store.db, sql`SELECT * FROM credit_ledger WHERE test_run_id = ${runId} ORDER BY id`);
  }
}
