/**
 * The background sync: one round syncs every tenant this process has seen and the server's own
 * token; the interval is 60 minutes by default in HTTP mode and off on stdio, and shows in
 * get_server_diagnostics.
 */
import { startBackgroundSync } from '../../src/analytics/background.js';
import { syncIntervalMs } from '../../src/analytics/settings.js';
import { startHarness, type Harness } from '../helpers/harness.js';

describe('background sync', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sandbox: true });
  });
  afterAll(() => h?.close());

  it('defaults to 60 minutes in HTTP mode and none on stdio; the setting wins either way', () => {
    expect(syncIntervalMs(undefined, true)).toBe(3_600_000);
    expect(syncIntervalMs(undefined, false)).toBe(0);
    expect(syncIntervalMs(0, true)).toBe(0);
    expect(syncIntervalMs(5, false)).toBe(300_000);
  });

  it('a round syncs the server token\'s tenant, and diagnostics show the interval and the run', async () => {
    const background = startBackgroundSync({ app: h.app, httpMode: true });
    try {
      await background.runOnce();
    } finally {
      background.stop();
    }
    const d = (await h.call('get_server_diagnostics')).structuredContent as {
      products: Array<{ product_id: number; completed_at: string | null; tests: number }>;
      background_sync: { interval_minutes: number; last_run_at: string | null };
    };
    expect(d.background_sync.interval_minutes).toBe(60);
    expect(d.background_sync.last_run_at).not.toBeNull();
    const data = h.sandbox!.data;
    expect(d.products.map((p) => p.product_id).sort()).toEqual(data.products.map((p) => p.id).sort());
    expect(d.products.every((p) => p.completed_at !== null)).toBe(true);
    expect(d.products.reduce((n, p) => n + p.tests, 0)).toBe(data.tests.length);
  });
});
