/** list_tests: every test of a product (newest first), optionally filtered and with bug counts. */
import type { TestioReadApi } from './api-port.js';
import { summarizeBugs } from './bug-classify.js';
import type { TestRow } from './schemas.js';
import { toTestRow } from './test-rows.js';

export const TEST_STATUSES = ['initialized', 'running', 'locked', 'customer_finalized', 'archived', 'cancelled'] as const;
export type TestStatusName = (typeof TEST_STATUSES)[number];

/** Rows in one answer (fewer with bug counts, which double a row); beyond this, narrow with `statuses`. */
export const MAX_TEST_ROWS = 100;
export const MAX_TEST_ROWS_WITH_BUGS = 50;

export interface TestBugCounts {
  total: number;
  critical: number;
  high: number;
  low: number;
  visual: number;
  content: number;
  custom: number;
  accepted: number;
  auto_accepted: number;
  rejected: number;
  open: number;
}

export type TestListResult = {
  product: { id: number; name: string };
  statuses: string[] | null;
  total_tests: number;
  matching_tests: number;
  returned: number;
  truncated: boolean;
  counts_by_status: Record<string, number>;
  tests: (TestRow & { bugs?: TestBugCounts })[];
}

export class TestListService {
  private readonly api: TestioReadApi;
  constructor({ testioApi }: { testioApi: TestioReadApi }) {
    this.api = testioApi;
  }

  async list(productId: number, statuses: readonly string[] | undefined, includeBugCounts: boolean, signal?: AbortSignal): Promise<TestListResult> {
    const [product, tests] = await Promise.all([this.api.getProduct(productId, signal), this.api.listTests(productId, signal)]);
    const wanted = statuses && statuses.length > 0 ? new Set(statuses) : null;
    const matching = wanted ? tests.filter((t) => wanted.has(t.status)) : tests;
    const countsByStatus: Record<string, number> = {};
    for (const t of matching) countsByStatus[t.status] = (countsByStatus[t.status] ?? 0) + 1;

    const shown = matching.slice(0, includeBugCounts ? MAX_TEST_ROWS_WITH_BUGS : MAX_TEST_ROWS);
    // Bugs only for the rows shown, in the data layer's batched calls.
    const bugs = includeBugCounts && shown.length > 0 ? await this.api.listBugsForTests(shown.map((t) => t.id), signal) : null;
    return {
      product: { id: product.id, name: product.name },
      statuses: wanted ? [...wanted] : null,
      total_tests: tests.length,
      matching_tests: matching.length,
      returned: shown.length,
      truncated: matching.length > shown.length,
      counts_by_status: countsByStatus,
      tests: shown.map((t) => {
        const row = toTestRow(t);
        if (!bugs) return row;
        const s = summarizeBugs(bugs.get(t.id) ?? []);
        return { ...row, bugs: { total: s.total, ...s.by_severity, ...s.by_status } };
      }),
    };
  }
}
