/** list_tests: every test of a product (newest first), optionally filtered and with bug counts. */
import { z } from 'zod';
import type { TestioReadApi } from './api-port.js';
import { summarizeBugs } from './bug-classify.js';
import { testRowSchema } from './schemas.js';
import { testRowOf } from './test-rows.js';

export const TEST_STATUSES = ['initialized', 'running', 'locked', 'customer_finalized', 'archived', 'cancelled'] as const;
export type TestStatusName = (typeof TEST_STATUSES)[number];

/** Rows in one answer (fewer with bug counts, which double a row); beyond this, narrow with `statuses`. */
export const MAX_TEST_ROWS = 100;
export const MAX_TEST_ROWS_WITH_BUGS = 50;

const n = z.number().int();
const bugCountsSchema = z.object({
  total: n, critical: n, high: n, low: n, visual: n, content: n, custom: n,
  accepted: n, auto_accepted: n, rejected: n, open: n,
});

/** list_tests' outputSchema; the result types are inferred from it, never written twice. */
export const testListOutput = {
  product: z.object({ id: n, name: z.string() }),
  statuses: z.array(z.string()).nullable().describe('The status filter applied, or null for every status'),
  total_tests: n.describe('Tests of the product, whatever their status'),
  matching_tests: n,
  returned: n,
  truncated: z.boolean(),
  counts_by_status: z.record(n),
  tests: z.array(testRowSchema.extend({ bugs: bugCountsSchema.optional() })),
};

export type TestBugCounts = z.infer<typeof bugCountsSchema>;
export type TestListResult = z.infer<z.ZodObject<typeof testListOutput>>;

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
        const row = testRowOf(t);
        if (!bugs) return row;
        const s = summarizeBugs(bugs.get(t.id) ?? []);
        return { ...row, bugs: { total: s.total, ...s.by_severity, ...s.by_status } };
      }),
    };
  }
}
