/**
 * The MCP harness with its tenant's analytics store synced from the sandbox over real HTTP (the
 * area's own sync, as sync_data runs it), plus the raw 2024 data of product 25073 to recount from.
 */
import type { Bug, ExploratoryTest } from '../../src/sandbox/index.js';
import { startHarness, type Harness } from './harness.js';

export const PRODUCT = 25073;
export const YEAR_2024 = { start_date: '2024-01-01', end_date: '2024-12-31' };

export interface SyncedHarness {
  h: Harness;
  /** Product 25073's tests that started in 2024, and their bugs, as the API serves them. */
  tests2024: ExploratoryTest[];
  bugs2024: Bug[];
}

export async function startSyncedHarness(productIds: number[] = [PRODUCT]): Promise<SyncedHarness> {
  const h = await startHarness({ sandbox: true });
  const result = await (await h.context()).analytics.sync({ productIds });
  if (result.errors.length) throw new Error(`sync failed: ${JSON.stringify(result.errors)}`);
  const data = h.sandbox!.data;
  const year = (t: ExploratoryTest) => new Date(t.start_at).getUTCFullYear() === 2024;
  const tests2024 = data.tests.filter((t) => t.product.id === PRODUCT && year(t));
  const ids = new Set(tests2024.map((t) => t.id));
  return { h, tests2024, bugs2024: data.bugs.filter((b) => ids.has(b.test.id)) };
}
