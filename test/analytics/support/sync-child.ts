/**
 * A sync in a process of its own, for the kill test: syncs every product of the API given in
 * SYNC_BASE_URL / SYNC_TOKEN into the store of SYNC_TENANT (SQLite under SYNC_DATA_DIR, or
 * PostgreSQL at SYNC_DATABASE_URL), printing "started" first. The test kills it mid-way.
 */
import { openStore } from '../../../src/analytics/store/open-store.js';
import { apiSyncSource } from '../../../src/analytics/sync/source.js';
import { syncTenant } from '../../../src/analytics/sync/sync-tenant.js';
import { loadConfig } from '../../../src/areas.js';
import { createSilentLogger } from '../../../src/platform/logger.js';
import { TestioHttpClient } from '../../../src/testio/data/http-client.js';

const env = process.env;
const config = loadConfig({ env: {} });
config.baseUrl = env.SYNC_BASE_URL!;
config.token = env.SYNC_TOKEN!;
const http = new TestioHttpClient({ config, logger: createSilentLogger() });
const store = await openStore({ tenantId: env.SYNC_TENANT!, dataDir: env.SYNC_DATA_DIR!, databaseUrl: env.SYNC_DATABASE_URL || undefined });
process.stdout.write('started\n');
await syncTenant(store, apiSyncSource(http.forTenant(config.token, env.SYNC_TENANT!)), { productConcurrency: 1, bugConcurrency: 1 });
process.stdout.write('finished\n');
await store.close();
await http.close();
