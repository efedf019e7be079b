/** The per-tenant store registry: one store per tenant, bounded, least recently used out. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AnalyticsTenants, type AnalyticsTenantsDeps } from '../../src/analytics/tenants.js';
import { loadConfig } from '../../src/areas.js';
import { localCaller } from '../../src/platform/caller.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { TestioHttpClient } from '../../src/testio/data/http-client.js';

describe('AnalyticsTenants', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'analytics-tenants-'));
  const config = loadConfig({ env: { TESTIO_DATA_DIR: dir }, cwd: dir });
  const http = new TestioHttpClient({ config, logger: createSilentLogger() });
  const deps: AnalyticsTenantsDeps = { config, logger: createSilentLogger(), testioHttp: http };
  afterAll(async () => {
    await http.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each token its own store file and remembers at most maxTenants, least recently used out', async () => {
    const tenants = new AnalyticsTenants(deps, 64, 2);
    const a = tenants.forCaller(localCaller('token-a'));
    const b = tenants.forCaller(localCaller('token-b'));
    expect(tenants.forCaller(localCaller('token-a'))).toBe(a);
    const [storeA, storeB] = await Promise.all([a.store(), b.store()]);
    expect(storeA.location).not.toBe(storeB.location);
    expect(storeA.location).not.toContain('token-a');
    tenants.forCaller(localCaller('token-c'));
    // b was used least recently: it is forgotten (and its store closed); a stays.
    expect(tenants.list().map((t) => t.tenantId)).toEqual([a.tenantId, localCaller('token-c').tenantId]);
    expect(b.isOpen()).toBe(false);
    await tenants.close();
  });
});
