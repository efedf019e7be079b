/** get_test_bugs: filter a test's bugs by type, severity and status, and page them. */
import { UserInputError } from '../../platform/errors.js';
import type { TestioReadApi } from './api-port.js';
import type { BugStatus, BugType, FunctionalSeverity } from './bug-classify.js';
import { oncePerObject } from '../../platform/once-per-object.js';
import { bugRowOf, sortNewestFirst, type BugRow } from './bug-rows.js';
import type { ContinuationTokens } from './continuation-token.js';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Characters of bug rows (as JSON) one page may carry, so 100 long rows never flood a chat. */
export const PAGE_CHAR_BUDGET = 12_000;

export interface BugFilters {
  bug_type: BugType | 'all';
  severity: FunctionalSeverity | 'all';
  status: BugStatus | 'all';
}

export interface BugQuery extends Partial<BugFilters> {
  testId: number;
  pageSize?: number;
  continuationToken?: string;
}

export type BugPage = {
  test_id: number;
  test_title: string;
  filters: BugFilters;
  total_bugs: number;
  matching_bugs: number;
  offset: number;
  page_size: number;
  returned: number;
  bugs: BugRow[];
  continuation_token?: string;
}

/** Severity only exists for functional bugs, so asking for one narrows the type to functional. */
export function normaliseFilters(query: Partial<BugFilters>): BugFilters {
  const filters: BugFilters = { bug_type: query.bug_type ?? 'all', severity: query.severity ?? 'all', status: query.status ?? 'all' };
  if (filters.severity !== 'all') {
    if (filters.bug_type !== 'all' && filters.bug_type !== 'functional') {
      throw new UserInputError(
        'severity',
        `severity "${filters.severity}" only applies to functional bugs, but bug_type is "${filters.bug_type}".`,
        'Drop severity (or set it to "all"), or use bug_type "functional".',
      );
    }
    filters.bug_type = 'functional';
  }
  return filters;
}

export function filtersKey(f: BugFilters): string {
  return `bug_type=${f.bug_type};severity=${f.severity};status=${f.status}`;
}

export function matchesFilters(row: BugRow, f: BugFilters): boolean {
  return (
    (f.bug_type === 'all' || row.bug_type === f.bug_type) &&
    (f.severity === 'all' || row.severity === f.severity) &&
    (f.status === 'all' || row.status === f.status)
  );
}

const jsonSize = (row: unknown) => JSON.stringify(row).length;
/** jsonSize of a bug row, measured once per row (bug rows are made once per cached bug). */
const bugRowSize = oncePerObject<BugRow, number>(jsonSize);

/** The longest prefix of `rows` within `budget` characters of JSON; never empty. */
export function fitBudget<T>(rows: readonly T[], budget: number, sizeOf: (row: T) => number = jsonSize): T[] {
  let size = 0;
  let count = 0;
  for (const row of rows) {
    size += sizeOf(row) + 1;
    if (count > 0 && size > budget) break;
    count += 1;
  }
  return rows.slice(0, count);
}

export class BugQueryService {
  private readonly api: TestioReadApi;
  private readonly tokens: ContinuationTokens;
  constructor({ testioApi, continuationTokens }: { testioApi: TestioReadApi; continuationTokens: ContinuationTokens }) {
    this.api = testioApi;
    this.tokens = continuationTokens;
  }

  async query(query: BugQuery, signal?: AbortSignal): Promise<BugPage> {
    const filters = normaliseFilters(query);
    const key = filtersKey(filters);
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    // Check the token before any network call: a bad token costs nothing.
    const offset = query.continuationToken
      ? this.tokens.decode(query.continuationToken, { scope: query.testId, filters: key, scopeName: 'test' })
      : 0;
    const [test, bugs] = await Promise.all([this.api.getTest(query.testId, signal), this.api.listBugs(query.testId, signal)]);
    const matching = sortNewestFirst(bugs)
      .map(bugRowOf)
      .filter((row) => matchesFilters(row, filters));
    const page = fitBudget(matching.slice(offset, offset + pageSize), PAGE_CHAR_BUDGET, bugRowSize);
    const next = offset + page.length;
    return {
      test_id: test.id,
      test_title: test.title,
      filters,
      total_bugs: bugs.length,
      matching_bugs: matching.length,
      offset,
      page_size: pageSize,
      returned: page.length,
      bugs: page,
      ...(next < matching.length ? { continuation_token: this.tokens.encode({ scope: query.testId, filters: key, offset: next }) } : {}),
    };
  }
}
