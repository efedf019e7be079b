/** The `large` dataset size: big enough for the analytics store, deterministic, same landmarks. */
import { createHash } from 'node:crypto';
import { generateSandboxData, PINNED_TEST_IDS, type SandboxData } from '../../src/sandbox/index.js';
import { sandboxOptions } from '../../src/cli/sandbox-options.js';
import { buildCatalog } from '../../src/sandbox/catalog.js';
import { utcMidnight } from '../../src/sandbox/dates.js';
import { Random } from '../../src/sandbox/random.js';
import { planTests } from '../../src/sandbox/test-plan.js';

const NOW = new Date('2026-03-15T13:45:00Z');
const digest = (data: unknown) => createHash('sha256').update(JSON.stringify(data)).digest('hex');

describe('sandbox size "large"', () => {
  let large: SandboxData;
  beforeAll(() => {
    large = generateSandboxData(42, { now: NOW, size: 'large' });
  });

  it('holds 10,000+ tests and 200,000+ bugs with unique positive ids', () => {
    expect(large.tests.length).toBeGreaterThanOrEqual(10_000);
    expect(large.bugs.length).toBeGreaterThanOrEqual(200_000);
    expect(new Set(large.tests.map((t) => t.id)).size).toBe(large.tests.length);
    expect(new Set(large.bugs.map((b) => b.id)).size).toBe(large.bugs.length);
    // The API's ids are positive (the tools refuse anything else).
    expect(Math.min(...large.tests.map((t) => t.id))).toBeGreaterThan(0);
  });

  it('keeps the landmarks of the default data', () => {
    const small = generateSandboxData(42, { now: NOW });
    expect(large.products).toEqual(small.products);
    for (const id of Object.values(PINNED_TEST_IDS)) {
      expect(large.tests.some((t) => t.id === id)).toBe(true);
    }
    const count = (data: SandboxData, productId: number) => data.tests.filter((t) => t.product.id === productId).length;
    expect(count(large, 25073)).toBe(count(small, 25073));
    expect(count(large, 21937)).toBe(count(small, 21937));
  });

  it('is deterministic for a seed and day', () => {
    // The bulk plan decides everything the large size adds; bugs come from the same seeded path as
    // the default data (whose full determinism data.test.ts checks). Regenerating 200,000 bugs
    // here would cost the suite seconds.
    const plan = (seed: number) =>
      digest(planTests(buildCatalog(), utcMidnight(NOW), new Random(seed), 'large').map((p) => [p.entry.spec.id, p.title, p.startAt, p.hours, p.bugCount]));
    expect(plan(42)).toBe(plan(42));
    expect(plan(43)).not.toBe(plan(42));
  });

  it('is chosen with --size, and a wrong size is refused naming the choices', () => {
    expect(sandboxOptions({ size: 'large' }).size).toBe('large');
    expect(() => sandboxOptions({ size: 'huge' })).toThrow(/Invalid --size: must be one of default, large/);
  });
});
