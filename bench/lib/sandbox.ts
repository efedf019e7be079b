/**
 * The sandbox Customer API, started inside the benchmark process so its memory and CPU are not
 * counted against the server under test, and its request counter can be read directly.
 */
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';

export type { SandboxHandle };

export async function startBenchSandbox(latencyMs = 0): Promise<SandboxHandle> {
  return startSandbox({ port: 0, latencyMs });
}

/** Ids of `count` tests of a product, read straight from the API (newest first). */
export async function productTestIds(sandbox: SandboxHandle, productId: number, count: number): Promise<number[]> {
  const response = await fetch(`${sandbox.baseUrl}/products/${productId}/exploratory_tests`, {
    headers: { Authorization: `Token ${sandbox.token}` },
  });
  if (!response.ok) throw new Error(`sandbox answered ${response.status} for the tests of product ${productId}`);
  const body = (await response.json()) as { exploratory_tests: Array<{ id: number }> };
  const ids = body.exploratory_tests.map((t) => t.id).slice(0, count);
  if (ids.length < count) throw new Error(`product ${productId} has only ${ids.length} tests, ${count} needed`);
  return ids;
}

/** Upstream API calls served so far. */
export const requestsServed = (sandbox: SandboxHandle): number => sandbox.stats().requests;

/** Wall time of one plain API round trip, the unit fan-out figures are counted in. */
export async function oneRoundTripMs(sandbox: SandboxHandle): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${sandbox.baseUrl}/products/25073`, { headers: { Authorization: `Token ${sandbox.token}` } });
  await response.arrayBuffer();
  return performance.now() - started;
}
