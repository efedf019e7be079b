/**
 * A SQLite write transaction on one Kysely connection that takes the write lock first (BEGIN
 * IMMEDIATE). A deferred transaction that reads, then writes after another process wrote, fails at
 * once with "database is locked" instead of waiting; several processes share one file (a user's
 * two MCP clients, two containers on one volume), so every store's writes begin here.
 */
import { sql, type Kysely } from 'kysely';

export function immediateTransaction<DB, T>(db: Kysely<DB>, work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const result = await work(connection);
      await sql`COMMIT`.execute(connection);
      return result;
    } catch (error) {
      // SQLite may have rolled back already (a full disk): then ROLLBACK has nothing to do and fails.
      await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
