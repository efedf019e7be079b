/** generate_status_report: several tests at once, concurrently, with progress and partial failure. */
import type { ProgressFn } from '../../platform/context.js';
import type { TestioReadApi } from './api-port.js';
import { mergeSummaries, summarizeBugs, type BugSummary } from './bug-classify.js';
import { failureReason, progressReporter, settleAll } from './partial.js';
import type { ReportTest } from './schemas.js';
import { timeline, toTestRow } from './test-rows.js';

export type ReportEntry =
  | { test_id: number; outcome: 'ok'; test: ReportTest; bugs: BugSummary }
  | { test_id: number; outcome: 'failed'; error: string };

export type StatusReport = {
  generated_at: string;
  tests_requested: number;
  tests_reported: number;
  tests_failed: number;
  /** Roll-up of every reported test; rates recomputed from the summed counts. */
  totals: BugSummary;
  tests_by_status: Record<string, number>;
  entries: ReportEntry[];
}

export class StatusReportService {
  private readonly api: TestioReadApi;
  constructor({ testioApi }: { testioApi: TestioReadApi }) {
    this.api = testioApi;
  }

  async build(testIds: readonly number[], progress?: ProgressFn, signal?: AbortSignal, now = new Date()): Promise<StatusReport> {
    const ids = [...new Set(testIds)];
    // One step per test, plus one for the bugs of all tests, fetched in the data layer's batches.
    const tick = progressReporter(progress, ids.length + 1);
    const bugsByTest = this.api.listBugsForTests(ids, signal).then((map) => {
      tick('bugs loaded');
      return map;
    });
    bugsByTest.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
    const tests = await settleAll(
      ids,
      (id) => this.api.getTest(id, signal),
      (id, ok) => tick(`test ${id} ${ok ? 'loaded' : 'failed'}`),
      signal,
    );
    const bugs = await bugsByTest;
    const settled = tests.map((r) => ({
      ...r,
      value: r.value && {
        test: { ...toTestRow(r.value), product: r.value.product?.name ?? null, time_remaining_hours: timeline(r.value, now).time_remaining_hours },
        bugs: summarizeBugs(bugs.get(r.id) ?? []),
      },
    }));
    const entries: ReportEntry[] = settled.map((r) =>
      r.value ? { test_id: r.id, outcome: 'ok', ...r.value } : { test_id: r.id, outcome: 'failed', error: failureReason(r.error) },
    );
    const ok = entries.filter((e): e is Extract<ReportEntry, { outcome: 'ok' }> => e.outcome === 'ok');
    const byStatus: Record<string, number> = {};
    for (const e of ok) byStatus[e.test.status] = (byStatus[e.test.status] ?? 0) + 1;
    return {
      generated_at: now.toISOString(),
      tests_requested: ids.length,
      tests_reported: ok.length,
      tests_failed: entries.length - ok.length,
      totals: mergeSummaries(ok.map((e) => e.bugs)),
      tests_by_status: byStatus,
      entries,
    };
  }
}
