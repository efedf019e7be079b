/**
 * Soak: 1,500 mixed good and bad calls at concurrency 8 over a 10%-faulty sandbox API. No good
 * call may fail, no bad call may be accepted, and resident memory must stay bounded.
 */
import { startHarness, type Harness } from '../helpers/harness.js';
import { assertWellFormed, textOf } from './support/result-checks.js';

const TEST_TIMEOUT_MS = 170_000;
const TOTAL = 1_500;
const CONCURRENCY = 8;
/** Generous: the point is "no leak of a few KB per call", not a tight budget. */
const MAX_RSS_GROWTH_MB = 150;

interface Case {
  name: string;
  args: Record<string, unknown>;
  good: boolean;
}

const GOOD: Case[] = [
  { name: 'get_test_status', args: { test_id: 109363 }, good: true },
  { name: 'get_test_status', args: { test_id: '109364' }, good: true },
  { name: 'list_products', args: {}, good: true },
  { name: 'list_products', args: { search: 'mobile' }, good: true },
  { name: 'list_tests', args: { product_id: 25073 }, good: true },
  { name: 'get_test_bugs', args: { test_id: 109363, page_size: 10 }, good: true },
  { name: 'get_test_bugs', args: { test_id: 109363, severity: 'critical' }, good: true },
  { name: 'get_test_bugs', args: { test_id: 109363, status: 'rejected', page_size: 5 }, good: true },
  { name: 'generate_status_report', args: { test_ids: [109363, 109364], format: 'text' }, good: true },
  { name: 'get_test_activity_by_timeframe', args: { product_ids: [25073], start_date: 'last 90 days' }, good: true },
  { name: 'get_valid_bug_filters', args: {}, good: true },
  { name: 'get_cache_stats', args: {}, good: true },
];
// health_check is left out of the mix on purpose: it probes the API with 2 attempts (a quick
// answer), so over a 10%-faulty API it rightly reports a failure about 1% of the time.

const BAD: Case[] = [
  { name: 'get_test_status', args: { test_id: -1 }, good: false },
  { name: 'get_test_status', args: { test_id: 'abc' }, good: false },
  { name: 'get_test_status', args: {}, good: false },
  { name: 'get_test_bugs', args: { test_id: 109363, page_size: 1_000 }, good: false },
  { name: 'get_test_bugs', args: { test_id: 109363, continuation_token: 'garbage' }, good: false },
  { name: 'get_test_bugs', args: { test_id: 109363, severity: 'catastrophic' }, good: false },
  { name: 'list_tests', args: { product_id: 25073, colour: 'red' }, good: false },
  { name: 'generate_status_report', args: { test_ids: [] }, good: false },
  { name: 'get_test_activity_by_timeframe', args: { product_ids: [25073], start_date: 'the day after never' }, good: false },
  { name: 'no_such_tool', args: {}, good: false },
];

/** Unknown ids, fresh each time so they are never cached: they keep traffic (and faults) flowing upstream. */
const NOT_FOUND = (i: number): Case[] => [
  { name: 'get_test_status', args: { test_id: 900_000_000 + i }, good: false },
  { name: 'get_test_bugs', args: { test_id: 900_000_000 + i }, good: false },
  { name: 'list_tests', args: { product_id: 900_000_000 + i }, good: false },
];

/** Two good calls for each bad one, interleaved deterministically; every other bad call is a not-found. */
function caseFor(i: number): Case {
  if (i % 3 !== 2) return GOOD[(i - Math.floor(i / 3)) % GOOD.length];
  const k = Math.floor(i / 3);
  return k % 2 ? NOT_FOUND(i)[k % 3] : BAD[(k / 2) % BAD.length];
}

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

describe('soak: 1,500 mixed calls over a 10%-faulty API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sandbox: { port: 0, faultRate: 0.1, seed: 11 }, env: { TESTR_CREDITS: '0' } });
  }, TEST_TIMEOUT_MS);
  afterAll(() => h?.close());

  it('fails no good call, accepts no bad call, and keeps memory bounded', async () => {
    const failedGood: string[] = [];
    const acceptedBad: string[] = [];
    const run = async (from: number, to: number) => {
      let next = from;
      const worker = async () => {
        while (next < to) {
          const c = caseFor(next++);
          const result = await h.call(c.name, c.args);
          assertWellFormed(result, [h.config.token ?? ''], `${c.name} ${JSON.stringify(c.args)}`);
          // A report that lists a test as failed is a failed good call too, though not isError.
          const partial = (result.structuredContent as { tests_failed?: number } | undefined)?.tests_failed ?? 0;
          if (c.good && (result.isError || partial > 0)) failedGood.push(`${c.name} ${JSON.stringify(c.args)}: ${textOf(result).slice(0, 200)}`);
          if (!c.good && !result.isError) acceptedBad.push(`${c.name} ${JSON.stringify(c.args)}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };

    // A first stretch warms caches and the JIT so RSS growth measures the steady state.
    await run(0, 150);
    const before = rssMb();
    await run(150, TOTAL);
    const growth = rssMb() - before;
    const { requests, faults } = h.sandbox!.stats();
    console.log(`soak: ${TOTAL} calls, ${requests} upstream requests, ${faults} injected faults, RSS ${before.toFixed(0)} → ${(before + growth).toFixed(0)} MB`);

    expect(failedGood).toEqual([]);
    expect(acceptedBad).toEqual([]);
    expect(h.sandbox!.stats().faults).toBeGreaterThan(0);
    expect(growth).toBeLessThan(MAX_RSS_GROWTH_MB);
    h.sandbox!.setFaultRate(0);
    expect((await h.call('health_check')).isError).toBeFalsy();
  }, TEST_TIMEOUT_MS);
});
