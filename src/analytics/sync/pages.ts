/**
 * Failures per page, retried with smaller pages. The HTTP client already retried 429/5xx with
 * backoff; when a page still fails, the sync asks for the same range again in halves (a large
 * answer is what usually times out), down to a floor; a piece that keeps failing is reported back
 * (and recorded by the caller), never silently skipped. Errors that smaller pages cannot cure
 * (a bad token, a cancelled call) end the sync at once.
 */
import { errorText, isToolError } from '../../platform/errors.js';
import type { ExploratoryTest, Bug } from '../../testio/data/schemas.js';
import { BugsWithoutTestError, type SyncSource } from './source.js';

/** What kept failing, in the words stored in `sync_failures.what`. */
export interface PageFailure {
  what: string;
  error: string;
  attempts: number;
  /** The tests whose bugs could not be fetched (bug failures only). */
  testIds?: number[];
}

/** Smallest page asked for before a range is given up: a quarter of the page size (two halvings), at least this. */
export const MIN_PER_PAGE = 5;

/** True for errors a smaller request will not fix: stop the whole sync. */
export function isFatal(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (!isToolError(error)) return false;
  return error.toolErrorKind === 'auth' || error.toolErrorKind === 'cancelled' || error.toolErrorKind === 'configuration';
}

export const testsPageLabel = (page: number, perPage: number) => `tests page ${page} (per_page ${perPage})`;
export const bugsLabel = (testIds: readonly number[]) => `bugs of test${testIds.length === 1 ? '' : 's'} ${testIds.join(',')}`;

export interface TestsRange {
  tests: ExploratoryTest[];
  failures: PageFailure[];
}

/**
 * Tests `[(page-1)*perPage, page*perPage)` of a product. A failing page is asked again as two
 * pages of half the size, recursively; an unreadable piece at the floor becomes a failure.
 */
export async function fetchTestsRange(source: SyncSource, productId: number, page: number, perPage: number, signal?: AbortSignal, floor = Math.max(MIN_PER_PAGE, Math.ceil(perPage / 4))): Promise<TestsRange> {
  try {
    return { tests: await source.testsPage(productId, page, perPage, signal), failures: [] };
  } catch (error) {
    if (isFatal(error, signal)) throw error;
    if (perPage <= floor || perPage % 2 !== 0) {
      return { tests: [], failures: [{ what: testsPageLabel(page, perPage), error: errorText(error), attempts: 1 }] };
    }
    const half = perPage / 2;
    const first = await fetchTestsRange(source, productId, page * 2 - 1, half, signal, floor);
    // A short first half is the end of the list: the second half would be empty.
    if (first.failures.length === 0 && first.tests.length < half) return first;
    const second = await fetchTestsRange(source, productId, page * 2, half, signal, floor);
    return { tests: [...first.tests, ...second.tests], failures: [...first.failures, ...second.failures] };
  }
}

export interface BugsBatch {
  byTest: Map<number, Bug[]>;
  failures: PageFailure[];
}

/** The bugs of a batch of tests; a failing batch is split in halves down to one test. */
export async function fetchBugsBatch(source: SyncSource, testIds: readonly number[], signal?: AbortSignal): Promise<BugsBatch> {
  try {
    return { byTest: await source.bugsOf(testIds, signal), failures: [] };
  } catch (error) {
    if (isFatal(error, signal)) throw error;
    if (testIds.length === 1) {
      return { byTest: new Map(), failures: [{ what: bugsLabel(testIds), error: errorText(error), attempts: 1, testIds: [...testIds] }] };
    }
    // Unsplittable answers (no test ids) go test by test; anything else in halves.
    const parts = error instanceof BugsWithoutTestError ? testIds.map((id) => [id]) : [testIds.slice(0, Math.ceil(testIds.length / 2)), testIds.slice(Math.ceil(testIds.length / 2))];
    const byTest = new Map<number, Bug[]>();
    const failures: PageFailure[] = [];
    for (const part of parts) {
      const result = await fetchBugsBatch(source, part, signal);
      for (const [id, bugs] of result.byTest) byTest.set(id, bugs);
      failures.push(...result.failures);
    }
    return { byTest, failures };
  }
}
