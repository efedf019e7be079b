/** The seeded dataset: determinism and the data requirements of shared/interfaces.md. */
import { generateSandboxData, PINNED_TEST_IDS, type BugSeverity, type SandboxData, type TestStatus } from '../../src/sandbox/index.js';

const NOW = new Date('2026-03-15T13:45:00Z');
const DAY = 86_400_000;
let data: SandboxData;

beforeAll(() => {
  data = generateSandboxData(42, { now: NOW });
});

const testsOf = (productId: number) => data.tests.filter((t) => t.product.id === productId);
const bugsOf = (testId: number) => data.bugs.filter((b) => b.test.id === testId);

describe('determinism', () => {
  it('gives identical data for the same seed and day, and different data for another seed', () => {
    expect(JSON.stringify(generateSandboxData(42, { now: NOW }))).toBe(JSON.stringify(data));
    // Any time on the same UTC day gives the same data.
    expect(JSON.stringify(generateSandboxData(42, { now: new Date('2026-03-15T00:00:01Z') }))).toBe(JSON.stringify(data));
    const other = generateSandboxData(43, { now: NOW });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(data));
    expect(other.bugs.map((b) => b.title)).not.toEqual(data.bugs.map((b) => b.title));
  });

  it('uses unique ids and consistent references', () => {
    expect(new Set(data.tests.map((t) => t.id)).size).toBe(data.tests.length);
    expect(new Set(data.bugs.map((b) => b.id)).size).toBe(data.bugs.length);
    const tests = new Map(data.tests.map((t) => [t.id, t]));
    // One expectation over all bugs: thousands of expect() calls would dominate the suite's time.
    const inconsistent = data.bugs.filter((bug) => {
      const test = tests.get(bug.test.id);
      if (!test) return true;
      const reported = Date.parse(bug.reported_at);
      return (
        bug.test.title !== test.test_title ||
        bug.product.id !== test.product.id ||
        bug.product.name !== test.product.name ||
        bug.section.id !== test.section.id ||
        !test.features.some((f) => f.feature_id === bug.feature.id) ||
        reported < Date.parse(test.start_at) ||
        reported > Math.min(Date.parse(test.end_at), NOW.getTime())
      );
    });
    expect(inconsistent.map((b) => b.id)).toEqual([]);
  });
});

describe('products', () => {
  it('has 8+ products of mixed types, 25073 a website, one "Mobile" app, some with sections', () => {
    expect(data.products.length).toBeGreaterThanOrEqual(8);
    expect(data.products.find((p) => p.id === 25073)).toMatchObject({ name: 'Acme Online Banking', type: 'website' });
    expect(data.products.some((p) => p.name.includes('Mobile') && p.type.startsWith('mobile_app_'))).toBe(true);
    expect(new Set(data.products.map((p) => p.type)).size).toBeGreaterThanOrEqual(4);
    const withSections = data.products.filter((p) => p.sections.length > 0);
    expect(withSections.length).toBeGreaterThanOrEqual(1);
    for (const product of data.products) {
      expect(product.sections_with_default[0]!.id).toBe(product.default_section_id);
      expect(product.sections_with_default.length).toBe(product.sections.length + 1);
    }
  });
});

describe('product 25073 tests', () => {
  it('has 30+ tests in every status, including 109363 and 109364', () => {
    const tests = testsOf(25073);
    expect(tests.length).toBeGreaterThanOrEqual(30);
    const statuses: TestStatus[] = ['initialized', 'running', 'locked', 'customer_finalized', 'archived', 'cancelled'];
    for (const status of statuses) expect(tests.some((t) => t.status === status)).toBe(true);
    expect(tests.map((t) => t.id)).toEqual(expect.arrayContaining([109363, 109364]));
  });

  it('spans early 2024 to now, with 2024 Q4 and the last 30 days covered', () => {
    const starts = testsOf(25073).map((t) => Date.parse(t.start_at));
    expect(Math.min(...starts)).toBeLessThan(Date.parse('2024-03-01T00:00:00Z'));
    const q4 = starts.filter((s) => s >= Date.parse('2024-10-01T00:00:00Z') && s < Date.parse('2025-01-01T00:00:00Z'));
    expect(q4.length).toBeGreaterThanOrEqual(2);
    expect(starts.filter((s) => s <= NOW.getTime() && s >= NOW.getTime() - 30 * DAY).length).toBeGreaterThanOrEqual(3);
  });

  it('places statuses on the calendar: running tests include the whole day, initialized ones start later', () => {
    const dayStart = Date.parse('2026-03-15T00:00:00Z');
    for (const test of data.tests) {
      const start = Date.parse(test.start_at);
      const end = Date.parse(test.end_at);
      expect(end).toBeGreaterThan(start);
      if (test.status === 'running') {
        expect(start).toBeLessThanOrEqual(dayStart);
        expect(end).toBeGreaterThanOrEqual(dayStart + DAY);
      }
      if (test.status === 'initialized') expect(start).toBeGreaterThanOrEqual(dayStart + DAY);
      if (['locked', 'customer_finalized', 'archived'].includes(test.status)) expect(end).toBeLessThanOrEqual(dayStart);
    }
  });

  it('reads like a real test cycle', () => {
    const test = data.tests.find((t) => t.id === 109363)!;
    expect(test.status).toBe('running');
    expect(test.title).toBe(test.test_title);
    expect(test.goal).toContain('**');
    expect(test.goal_text).not.toContain('**');
    expect(test.features.length).toBeGreaterThan(0);
    expect(test.features[0]).toEqual(expect.objectContaining({ id: expect.any(Number), feature_id: expect.any(Number), title: expect.any(String) }));
    expect(test.requirements[0]).toEqual(expect.objectContaining({ operating_system: expect.objectContaining({ key: expect.any(String) }) }));
    expect(test.test_environment.url).toMatch(/^https:\/\//);
    expect(test.start_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(test.created_by).toEqual(expect.any(String));
    expect(test.section).toEqual({ id: test.product.default_section_id, name: 'Default' });
  });
});

describe('bugs', () => {
  it('test 109363 has 25+ bugs with every severity and every customer status, some known', () => {
    const bugs = bugsOf(PINNED_TEST_IDS.continuous);
    expect(bugs.length).toBeGreaterThanOrEqual(25);
    const severities: BugSeverity[] = ['low', 'high', 'critical', 'visual', 'content', 'custom'];
    for (const severity of severities) expect(bugs.some((b) => b.severity === severity)).toBe(true);
    expect(bugs.some((b) => b.status === 'forwarded')).toBe(true);
    expect(bugs.some((b) => b.status === 'accepted' && !b.auto_accepted)).toBe(true);
    expect(bugs.some((b) => b.status === 'accepted' && b.auto_accepted)).toBe(true);
    expect(bugs.some((b) => b.status === 'rejected')).toBe(true);
    expect(bugs.some((b) => b.known)).toBe(true);
    expect(bugs.every((b) => !b.auto_accepted || b.status === 'accepted')).toBe(true);
  });

  it('carries devices, author, steps, feature and a reject reason when rejected', () => {
    for (const bug of bugsOf(109363)) {
      expect(bug.devices.length).toBeGreaterThan(0);
      expect(bug.devices[0]!.device.name).toEqual(expect.any(String));
      expect(bug.author.name).toEqual(expect.any(String));
      expect(Array.isArray(bug.steps) && bug.steps.length).toBeGreaterThanOrEqual(2);
      expect(bug.feature.title).toEqual(expect.any(String));
      expect(bug.title).not.toMatch(/[{}]/);
      if (bug.status === 'rejected') expect(data.reject_reasons.map((r) => r.key)).toContain(bug.reject_reason);
    }
  });

  it('has roughly the real-world status mix overall', () => {
    const share = (predicate: (b: SandboxData['bugs'][number]) => boolean) => data.bugs.filter(predicate).length / data.bugs.length;
    expect(share((b) => b.status === 'accepted' && !b.auto_accepted)).toBeGreaterThan(0.4);
    expect(share((b) => b.auto_accepted)).toBeGreaterThan(0.12);
    expect(share((b) => b.status === 'rejected')).toBeGreaterThan(0.18);
    expect(share((b) => b.status === 'forwarded')).toBeLessThan(0.08);
  });

  it('has the 2,000-bug benchmark test 120000 in another product', () => {
    const big = data.tests.find((t) => t.id === PINNED_TEST_IDS.big)!;
    expect(big.product.id).not.toBe(25073);
    expect(bugsOf(120000)).toHaveLength(2000);
  });

  it('has a product with more than 150 tests, so the unpaged list is capped', () => {
    const counts = new Map<number, number>();
    for (const test of data.tests) counts.set(test.product.id, (counts.get(test.product.id) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(150);
  });
});
