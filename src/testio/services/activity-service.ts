/** get_test_activity_by_timeframe: tests whose chosen date falls in a range, per product and overall. */
import type { ProgressFn } from '../../platform/context.js';
import type { DateRange } from '../dates/index.js';
import type { ExploratoryTest, TestioReadApi } from './api-port.js';
import { mergeSummaries, summarizeBugs, type BugSummary } from './bug-classify.js';
import { failureReason, progressReporter, settleAll } from './partial.js';
import type { TestRow } from './schemas.js';
import { testTime, toTestRow } from './test-rows.js';

export const DATE_FIELDS = ['start_at', 'end_at', 'any'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/** Rows listed across all products; counts always cover every test. */
export const LISTED_TESTS_BUDGET = 50;

export interface ProductActivity {
  product_id: number;
  outcome: 'ok' | 'failed';
  error?: string;
  product_name?: string;
  tests_in_range?: number;
  by_status?: Record<string, number>;
  by_testing_type?: Record<string, number>;
  tests?: TestRow[];
  truncated?: boolean;
  bugs?: BugSummary;
  /** Tests whose date falls after now but inside the named period ("this month"): not counted above. */
  upcoming_tests?: number;
  upcoming?: TestRow[];
}

export type ActivityResult = {
  range: { start: string; end: string; resolved: string; upcoming_until?: string };
  date_field: DateField;
  products_requested: number;
  products_failed: number;
  overall: { tests_in_range: number; by_status: Record<string, number>; bugs?: BugSummary; upcoming_tests?: number };
  products: ProductActivity[];
}

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
