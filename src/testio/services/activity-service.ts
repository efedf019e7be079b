/** get_test_activity_by_timeframe: tests whose chosen date falls in a range, per product and overall. */
import { z } from 'zod';
import type { ProgressFn } from '../../platform/context.js';
import type { DateRange } from '../dates/index.js';
import type { ExploratoryTest, TestioReadApi } from './api-port.js';
import { mergeSummaries, summarizeBugs } from './bug-classify.js';
import { failureReason, progressReporter, settleAll } from './partial.js';
import { bugSummarySchema, testRowSchema, type BugSummary } from './schemas.js';
import { testTime, toTestRow } from './test-rows.js';

export const DATE_FIELDS = ['start_at', 'end_at', 'any'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/** Rows listed across all products; counts always cover every test. */
export const LISTED_TESTS_BUDGET = 50;

const n = z.number().int();

/** get_test_activity_by_timeframe's outputSchema; the result types are inferred from it, never written twice. */
export const activityOutput = {
  range: z
    .object({
      start: z.string(),
      end: z.string(),
      resolved: z.string().describe('What start_date/end_date resolved to, in words and exact UTC instants'),
      upcoming_until: z.string().optional().describe('Set when the range was cut at now ("this month"): where the period ends'),
    })
    .describe('The resolved UTC range, both ends inclusive; it never runs past now for phrases like "this month" or "today"'),
  date_field: z.enum(DATE_FIELDS),
  products_requested: n,
  products_failed: n,
  overall: z.object({
    tests_in_range: n,
    by_status: z.record(n),
    bugs: bugSummarySchema.optional(),
    upcoming_tests: n.optional().describe('Tests due later in the named period (after now), not counted in tests_in_range'),
  }),
  products: z.array(
    z.object({
      product_id: n,
      outcome: z.enum(['ok', 'failed']),
      error: z.string().optional(),
      product_name: z.string().optional(),
      tests_in_range: n.optional(),
      by_status: z.record(n).optional(),
      by_testing_type: z.record(n).optional(),
      tests: z.array(testRowSchema).optional(),
      truncated: z.boolean().optional(),
      bugs: bugSummarySchema.optional(),
      upcoming_tests: n.optional(),
      upcoming: z.array(testRowSchema).optional().describe('The upcoming tests (scheduled after now, within the period), apart from the counted ones'),
    }),
  ),
};

export type ActivityResult = z.infer<z.ZodObject<typeof activityOutput>>;
export type ProductActivity = ActivityResult['products'][number];

/** The tests of a range cut at now that are due later in its period: start (or end) after now. */
function upcomingIn(tests: readonly ExploratoryTest[], range: DateRange, field: DateField): ExploratoryTest[] {
  if (!range.upcomingUntil) return [];
  const later = { start: new Date(range.end.getTime() + 1), end: range.upcomingUntil };
  // For "any", a test running now already overlaps the range; only those not started yet are due.
  return tests.filter((t) => inRange(t, later, field === 'any' ? 'start_at' : field));
}

/** Whether the test's chosen date lies in the range; `any` means the test period overlaps it. */
export function inRange(test: ExploratoryTest, range: Pick<DateRange, 'start' | 'end'>, field: DateField): boolean {
  const s = range.start.getTime();
  const e = range.end.getTime();
  if (field !== 'any') {
    const t = testTime(test, field);
    return t !== null && t >= s && t <= e;
  }
  const start = testTime(test, 'start_at');
  const end = testTime(test, 'end_at');
  if (start === null && end === null) return false;
  return (start ?? end!) <= e && (end ?? Infinity) >= s;
}

function count(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export class ActivityService {
  private readonly api: TestioReadApi;
  constructor({ testioApi }: { testioApi: TestioReadApi }) {
    this.api = testioApi;
  }

  async activity(
    query: { productIds: readonly number[]; range: DateRange; dateField: DateField; includeBugs: boolean },
    progress?: ProgressFn,
    signal?: AbortSignal,
  ): Promise<ActivityResult> {
    const ids = [...new Set(query.productIds)];
    const perProduct = Math.max(1, Math.floor(LISTED_TESTS_BUDGET / ids.length));
    const tick = progressReporter(progress, ids.length);
    const settled = await settleAll(
      ids,
      async (id) => {
        const [product, tests] = await Promise.all([this.api.getProduct(id, signal), this.api.listTests(id, signal)]);
        const hits = tests.filter((t) => inRange(t, query.range, query.dateField));
        const upcoming = upcomingIn(tests, query.range, query.dateField);
        let bugs: BugSummary | undefined;
        if (query.includeBugs) {
          const byTest = hits.length > 0 ? await this.api.listBugsForTests(hits.map((t) => t.id), signal) : new Map();
          bugs = summarizeBugs([...byTest.values()].flat());
        }
        return { product, hits, upcoming, bugs };
      },
      (id, ok) => tick(`product ${id} ${ok ? 'done' : 'failed'}`),
      signal,
    );
    const products: ProductActivity[] = settled.map((r) => {
      if (!r.value) return { product_id: r.id, outcome: 'failed', error: failureReason(r.error) };
      const { product, hits, upcoming, bugs } = r.value;
      return {
        product_id: r.id,
        outcome: 'ok',
        product_name: product.name,
        tests_in_range: hits.length,
        by_status: count(hits.map((t) => t.status)),
        by_testing_type: count(hits.map((t) => t.testing_type ?? 'unknown')),
        tests: hits.slice(0, perProduct).map(toTestRow),
        truncated: hits.length > perProduct,
        ...(bugs ? { bugs } : {}),
        ...(query.range.upcomingUntil ? { upcoming_tests: upcoming.length, upcoming: upcoming.slice(0, perProduct).map(toTestRow) } : {}),
      };
    });
    const ok = settled.flatMap((r) => (r.value ? [r.value] : []));
    const allHits = ok.flatMap((v) => v.hits);
    return {
      range: {
        start: query.range.start.toISOString(),
        end: query.range.end.toISOString(),
        resolved: query.range.resolved,
        ...(query.range.upcomingUntil ? { upcoming_until: query.range.upcomingUntil.toISOString() } : {}),
      },
      date_field: query.dateField,
      products_requested: ids.length,
      products_failed: products.filter((p) => p.outcome === 'failed').length,
      overall: {
        tests_in_range: allHits.length,
        by_status: count(allHits.map((t) => t.status)),
        ...(query.includeBugs ? { bugs: mergeSummaries(ok.flatMap((v) => (v.bugs ? [v.bugs] : []))) } : {}),
        ...(query.range.upcomingUntil ? { upcoming_tests: ok.reduce((sum, v) => sum + v.upcoming.length, 0) } : {}),
      },
      products,
    };
  }
}
