/** Fault injection, latency and request stats: API routes only, reproducible from the seed. */
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { rootFetch } from './helpers.js';

const useTheSandbox = useSandbox();
let sandbox: SandboxHandle;
beforeAll(() => {
  sandbox = useTheSandbox();
});

const call = (target: SandboxHandle, path: string) => fetch(`${target.baseUrl}${path}`, { headers: { Authorization: `Token ${target.token}` } });

async function statusSequence(target: SandboxHandle, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await call(target, '/products/25073');
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

describe('stats', () => {
  it('counts API calls by route pattern, and resets', async () => {
    await (await call(sandbox, '/exploratory_tests/109363')).arrayBuffer();
    await (await call(sandbox, '/exploratory_tests/109364')).arrayBuffer();
    await (await call(sandbox, '/bugs?filter_test_cycle_ids=109363')).arrayBuffer();
    await (await call(sandbox, '/products/25073/exploratory_tests?page=1')).arrayBuffer();
    const stats = (await (await rootFetch(sandbox, '/__sandbox/stats')).json()) as Record<string, unknown>;
    expect(stats).toEqual({
      requests: 4,
      faults: 0,
      byRoute: { 'GET /exploratory_tests/:id': 2, 'GET /bugs': 1, 'GET /products/:pid/exploratory_tests': 1 },
    });
    expect(sandbox.stats()).toEqual(stats);
    sandbox.resetStats();
    expect(sandbox.stats()).toEqual({ requests: 0, faults: 0, byRoute: {} });
  });

  it('does not count the demo site or the control endpoints', async () => {
    await (await rootFetch(sandbox, '/demo/')).arrayBuffer();
    await (await rootFetch(sandbox, '/__sandbox/demo-events')).arrayBuffer();
    expect(sandbox.stats().requests).toBe(0);
  });
});

describe('fault injection', () => {
  it('at rate 1 answers every API call with 429 (Retry-After: 1) or 500/502/503', async () => {
    sandbox.setFaultRate(1);
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const response = await call(sandbox, '/products');
      await response.arrayBuffer();
      seen.add(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('1');
    }
    expect([...seen].every((s) => [429, 500, 502, 503].includes(s))).toBe(true);
    expect(seen.has(429)).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(sandbox.stats()).toMatchObject({ requests: 30, faults: 30 });
  });

  it('never faults the demo site or /__sandbox/*', async () => {
    sandbox.setFaultRate(1);
    expect((await rootFetch(sandbox, '/demo/')).status).toBe(200);
    expect((await rootFetch(sandbox, '/__sandbox/stats')).status).toBe(200);
  });

  it('injects about the configured share, in the same sequence for the same seed', async () => {
    const a = await startSandbox({ seed: 5, faultRate: 0.3 });
    const b = await startSandbox({ seed: 5, faultRate: 0.3 });
    try {
      const first = await statusSequence(a, 60);
      const second = await statusSequence(b, 60);
      expect(first).toEqual(second);
      const faults = first.filter((s) => s !== 200).length;
      expect(faults).toBeGreaterThan(5);
      expect(faults).toBeLessThan(35);
      expect(a.stats().faults).toBe(faults);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('rejects a rate outside 0..1', () => {
    expect(() => sandbox.setFaultRate(1.5)).toThrow(RangeError);
    expect(() => sandbox.setFaultRate(-0.1)).toThrow(RangeError);
  });
});

describe('latency', () => {
  it('delays API answers only', async () => {
    sandbox.setLatency(1_000);
    let started = performance.now();
    await (await call(sandbox, '/products')).arrayBuffer();
    expect(performance.now() - started).toBeGreaterThanOrEqual(980);
    started = performance.now();
    await (await rootFetch(sandbox, '/__sandbox/stats')).arrayBuffer();
    await (await rootFetch(sandbox, '/demo/')).arrayBuffer();
    // Delayed, these two would take at least 2 s; the margin is for a busy CI machine.
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('starts with the latency option and closes promptly while a call waits', async () => {
    const slow = await startSandbox({ latencyMs: 5_000 });
    const pending = call(slow, '/products').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await slow.close();
    // Well before the 5 s the call would otherwise wait.
    expect(performance.now() - started).toBeLessThan(3_000);
    // The call fails instead of hanging (fetch's TypeError comes from another realm under Jest).
    expect(await pending).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });
});

describe('options', () => {
  it('uses the given token and port, and refuses bad options', async () => {
    const probe = await startSandbox({ token: 'my-token' });
    const port = probe.port;
    await probe.close();
    const custom = await startSandbox({ token: 'my-token', port });
    try {
      expect(custom.port).toBe(port);
      expect((await call(custom, '/products')).status).toBe(200);
    } finally {
      await custom.close();
    }
    await expect(startSandbox({ faultRate: 2 })).rejects.toThrow(RangeError);
    await expect(startSandbox({ latencyMs: -1 })).rejects.toThrow(RangeError);
  });

  it('derives the token from the seed', async () => {
    const a = await startSandbox({ seed: 1 });
    const b = await startSandbox({ seed: 2 });
    try {
      expect(a.token).not.toBe(b.token);
      expect(a.data.tests.length).toBeGreaterThan(30);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
