/**
 * A PostgreSQL schema of a test's own for the Testr store (TEST_DATABASE_URL), dropped afterwards,
 * so tests never see each other's rows.
 */
import { randomBytes } from 'node:crypto';

export const testSchema = (what: string) => `pgh_${what}_${randomBytes(4).toString('hex')}`;

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The store's schema and its queue's (pg-boss).
    await client.query(`DROP SCHEMA IF EXISTS "${schema}", "${schema}_queue" CASCADE`);
  } finally {
    await client.end();
  }
}
