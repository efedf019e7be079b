/**
 * Where a tenant's analytics store lives (its SQLite file, or its PostgreSQL schema) and whether it
 * exists, without loading Kysely or a SQLite driver: a TestIO write asks this of a tenant that may
 * never have synced (./open-store.ts opens the store itself).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface OpenStoreOptions {
  tenantId: string;
  /** SQLite files go here (TESTIO_DATA_DIR). */
  dataDir: string;
  /** When set, PostgreSQL instead of SQLite. */
  databaseUrl?: string;
}

/** Tenant ids are hex hashes or 'none'; anything else never reaches a file name or schema name. */
export function safeTenant(tenantId: string): string {
  if (!/^[a-z0-9]{1,64}$/.test(tenantId)) throw new Error(`Invalid tenant id for the analytics store: ${JSON.stringify(tenantId)}`);
  return tenantId;
}

/** Whether the tenant has a store already (its SQLite file or PostgreSQL schema), without creating one. */
export async function storeExists(options: OpenStoreOptions): Promise<boolean> {
  const tenantId = safeTenant(options.tenantId);
  if (!options.databaseUrl) return existsSync(sqliteFile(tenantId, options.dataDir));
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [postgresSchema(tenantId)]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

export const sqliteFile = (tenantId: string, dataDir: string) => path.join(dataDir, `${tenantId}.sqlite`);

export const postgresSchema = (tenantId: string) => `testio_${tenantId}`;
