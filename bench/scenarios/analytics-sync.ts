/**
 * The analytics sync on the large sandbox (about 10,000 tests, 200,000 bugs): the first sync of
 * 500 tests with all their bugs at 100 ms API latency (the newest 500 tests of one product, by
 * `since`), an incremental sync right after it with nothing new (no latency), and the SQLite
 * store's size per 1,000 tests with their bugs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/analytics/store/open-store.js';
import { utcIso } from '../../src/analytics/store/rows.js';
import { apiSyncSource } from '../../src/analytics/sync/source.js';
import { syncTenant } from '../../src/analytics/sync/sync-tenant.js';
import { loadConfig } from '../../src/areas.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { TestioHttpClient } from '../../src/testio/data/http-client.js';
import type { Row } from '../lib/report.js';
import { median } from '../lib/stats.js';

const PRODUCT = 18442;
const TESTS = 500;

export async function analyticsSync(incrementalRuns: number): Promise<Row[]> {
  const sandbox = await startSandbox({ port: 0, size: 'large' });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-analytics-'));
  const config = loadConfig({ env: {}, cwd: dir });
  config.baseUrl = sandbox.baseUrl;
  config.token = sandbox.token;
  const http = new TestioHttpClient({ config, logger: createSilentLogger() });
  const store = await openStore({ tenantId: 'benchsync', dataDir: dir });
  try {
    const source = apiSyncSource(http.forTenant(sandbox.token, 'benchsync'));
    const newest = sandbox.data.tests.filter((t) => t.product.id === PRODUCT).sort((a, b) => Date.parse(b.start_at) - Date.parse(a.start_at) || b.id - a.id);
    const since = utcIso(newest[TESTS - 1]!.start_at)!;
    const request = { productIds: [PRODUCT], since };
    const emptyBytes = await store.sizeBytes();

    sandbox.setLatency(100);
    let started = performance.now();
    const first = await syncTenant(store, source, request);
    const firstMs = performance.now() - started;
    sandbox.setLatency(0);
    const p = first.products[0]!;
    if (first.errors.length || p.failures.length) throw new Error(`first sync failed: ${JSON.stringify(first.errors.length ? first.errors : p.failures)}`);

    const incremental: number[] = [];
    for (let i = 0; i < incrementalRuns; i++) {
      started = performance.now();
      const again = await syncTenant(store, source, request);
      incremental.push(performance.now() - started);
      const q = again.products[0]!;
      if (q.tests_new + q.tests_changed + q.tests_bugs_fetched > 0) throw new Error(`the incremental sync found something new: ${JSON.stringify(q)}`);
    }
    const bytes = (await store.sizeBytes()) - emptyBytes;
    const perThousand = bytes / (p.tests_listed / 1000);
    return [
      {
        section: 'analytics',
        metric: `first sync of ${p.tests_listed} tests with their ${p.bugs_written} bugs, 100 ms API latency`,
        value: firstMs,
        unit: 'ms',
        target: '<= 15000 ms',
        met: firstMs <= 15_000 && p.tests_listed >= TESTS,
        note: `product ${PRODUCT} of the large sandbox, the newest ${TESTS} tests (since ${since}); ${p.pages} test pages, bug lists of ${p.tests_bugs_fetched} tests`,
      },
      {
        section: 'analytics',
        metric: 'incremental sync with nothing new (same product and range)',
        value: median(incremental),
        unit: 'ms',
        target: '<= 200 ms',
        met: median(incremental) <= 200,
        note: `median of ${incrementalRuns} runs; pages newest first until nothing new and every mutable test seen, no bug list fetched`,
      },
      {
        section: 'analytics',
        metric: 'SQLite store size per 1,000 tests with their bugs',
        value: perThousand / 1_048_576,
        unit: 'MB',
        note: `${(bytes / 1_048_576).toFixed(1)} MB for ${p.tests_listed} tests and ${p.bugs_written} bugs, search index included`,
      },
    ];
  } finally {
    await store.close();
    await http.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
