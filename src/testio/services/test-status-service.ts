/** get_test_status: one test with its bug summary; test and bugs are fetched in parallel. */
import type { ExploratoryTest, TestioReadApi } from './api-port.js';
import { summarizeBugs } from './bug-classify.js';
import { bugRowOf, sortNewestFirst } from './bug-rows.js';
import type { TestStatus } from './schemas.js';
import { timeline, toRef } from './test-rows.js';

export const RECENT_BUGS = 3;

export type { TestStatus } from './schemas.js';

const MAX_GOAL = 200;

export function describeTest(test: ExploratoryTest, now: Date): TestStatus['test'] {
  const goal = (test.goal_text ?? test.goal ?? '').trim();
  return {
    id: test.id,
    title: test.title,
    status: test.status,
    testing_type: test.testing_type ?? null,
    review_status: test.review_status ?? null,
    product: toRef(test.product),
    section: toRef(test.section),
    goal: goal ? (goal.length > MAX_GOAL ? `${goal.slice(0, MAX_GOAL - 1)}…` : goal) : null,
    timeline: timeline(test, now),
  };
}

export class TestStatusService {
  private readonly api: TestioReadApi;
  constructor({ testioApi }: { testioApi: TestioReadApi }) {
    this.api = testioApi;
  }

  async getStatus(testId: number, signal?: AbortSignal, now = new Date()): Promise<TestStatus> {
    const [test, bugs] = await Promise.all([this.api.getTest(testId, signal), this.api.listBugs(testId, signal)]);
    return {
      test: describeTest(test, now),
      bugs: summarizeBugs(bugs),
      recent_bugs: sortNewestFirst(bugs).slice(0, RECENT_BUGS).map(bugRowOf),
    };
  }
}
