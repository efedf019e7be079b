/**
 * Syncs one product into a tenant's store, following the API contract: tests come newest first
 * in pages with no "updated since", bugs come unpaged per test filter.
 *
 * - first sync (nothing finished yet, an earlier pass failed a page, or a pass further back than
 *   before): every page to the end (or to `since`), every test's bugs not yet stored. A sync killed
 *   half-way resumes here: tests whose bugs were written are not fetched again.
 * - incremental: pages until one brings nothing new or changed and every known mutable test has
 *   been seen; bugs are fetched for new and changed tests and for mutable tests whose bugs are
 *   older than `staleAfterMs`. Immutable tests (archived, cancelled) are never fetched again.
 * - full (`force`): every page, every test's bugs.
 * Bugs are fetched in batches of tests, `bugConcurrency` at a time, while paging goes on; each
 * batch is written in one transaction.
 */
import pLimit from 'p-limit';
import type { Bug, ExploratoryTest, Product } from '../../testio/data/schemas.js';
import type { AnalyticsStore } from '../store/open-store.js';
import { isImmutableStatus, utcIso } from '../store/rows.js';
import { inTransaction, replaceBugs, replaceFeatures, upsertProducts, upsertTests } from '../store/upsert.js';
import { chunks } from '../store/write.js';
import { bugsLabel, fetchBugsBatch, fetchTestsRange, isFatal, type PageFailure } from './pages.js';
import type { SyncSource } from './source.js';
import { openFailures, readSyncState, recordFailures, resolveFailures, writeSyncState } from './sync-state.js';
import { errorText } from '../../platform/errors.js';

export type SyncMode = 'first' | 'incremental' | 'full';

export interface SyncTuning {
  /** `per_page` of test pages (halved on failure). */
  perPage?: number;
  /** Tests per `/bugs?filter_test_cycle_ids=` call. */
  bugBatchSize?: number;
  /** Bug calls in flight at once for one product (the HTTP client's global limit still applies). */
  bugConcurrency?: number;
  /** A mutable test's bugs older than this are fetched again by an incremental sync. */
  staleAfterMs?: number;
  now?: () => Date;
}

export interface SyncProductOptions extends SyncTuning {
  /** ISO 8601 UTC: only tests that start at or after it. */
  since?: string;
  force?: boolean;
  signal?: AbortSignal;
}

export interface ProductSyncResult {
  product_id: number;
  product_name: string;
  mode: SyncMode;
  /** Tests the listing returned (within `since`). */
  tests_listed: number;
  tests_new: number;
  tests_changed: number;
  /** Tests whose bugs were fetched (and written). */
  tests_bugs_fetched: number;
  bugs_written: number;
  pages: number;
  failures: Array<{ what: string; error: string }>;
  /** Every page was read: the store holds every test of the product (within `since`). */
  complete: boolean;
  duration_ms: number;
}

export const SYNC_DEFAULTS = { perPage: 128, bugBatchSize: 15, bugConcurrency: 6, staleAfterMs: 10 * 60_000 } as const;

interface KnownTest {
  status: string;
  title: string;
  start_at: string | null;
  end_at: string | null;
  review_status: string | null;
  immutable: boolean;
  bugsSyncedAt: string | null;
}

function differs(known: KnownTest, test: ExploratoryTest): boolean {
  return (
    known.status !== test.status ||
    known.title !== test.title ||
    known.start_at !== utcIso(test.start_at) ||
    known.end_at !== utcIso(test.end_at) ||
    known.review_status !== (test.review_status ?? null)
  );
}

async function knownTests(store: AnalyticsStore, productId: number): Promise<Map<number, KnownTest>> {
  const rows = await store.db
    .selectFrom('tests')
    .select(['id', 'status', 'title', 'start_at', 'end_at', 'review_status', 'immutable', 'bugs_synced_at'])
    .where('product_id', '=', productId)
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { status: r.status, title: r.title, start_at: r.start_at, end_at: r.end_at, review_status: r.review_status, immutable: Number(r.immutable) === 1, bugsSyncedAt: r.bugs_synced_at },
    ]),
  );
}

/** Syncs one product (already listed by the caller, which passes its API object). */
export async function syncProduct(store: AnalyticsStore, source: SyncSource, product: Product, options: SyncProductOptions = {}): Promise<ProductSyncResult> {
  const tuning = { ...SYNC_DEFAULTS, ...stripUndefined(options) };
  const clock = options.now ?? (() => new Date());
  const at = () => clock().toISOString();
  const started = performance.now();
  const { signal, since } = options;
  const db = store.db;
  const productId = product.id;

  const state = await readSyncState(db, productId);
  const open = await openFailures(db, productId);
  const finished = state?.completed_at != null;
  const deeper = finished && state.covered_since != null && (since === undefined || since < state.covered_since);
  const mode: SyncMode = options.force ? 'full' : !finished || deeper || open.some((f) => f.what.startsWith('tests page')) ? 'first' : 'incremental';
  const known = await knownTests(store, productId);
  const syncedAt = at();
  const failures: PageFailure[] = [];

  try {
    const features = await source.features(productId, signal);
    await inTransaction(db, async (trx) => {
      await upsertProducts(trx, [product]);
      await replaceFeatures(trx, productId, features);
    });
  } catch (error) {
    if (isFatal(error, signal)) throw error;
    failures.push({ what: 'features', error: errorText(error), attempts: 1 });
    await inTransaction(db, (trx) => upsertProducts(trx, [product]));
  }

  // Bugs: fetched in batches while paging continues; a fatal error stops queuing and is rethrown.
  const limit = pLimit(tuning.bugConcurrency);
  const jobs: Array<Promise<void>> = [];
  const queued = new Set<number>();
  const fetchedOk: number[] = [];
  let bugsWritten = 0;
  let fatal: unknown;
  const queueBugs = (ids: readonly number[]) => {
    const fresh = ids.filter((id) => !queued.has(id));
    fresh.forEach((id) => queued.add(id));
    for (const batch of chunks(fresh, tuning.bugBatchSize)) {
      jobs.push(
        limit(async () => {
          if (fatal !== undefined) return;
          try {
            const result = await fetchBugsBatch(source, batch, signal);
            if (result.byTest.size > 0) {
              const written = at();
              await inTransaction(db, (trx) => replaceBugs(trx, productId, result.byTest as Map<number, Bug[]>, written));
              fetchedOk.push(...result.byTest.keys());
              for (const bugs of result.byTest.values()) bugsWritten += bugs.length;
            }
            if (result.failures.length > 0) {
              failures.push(...result.failures);
              // Fetched again by the next sync, whatever its mode.
              const failed = result.failures.flatMap((f) => f.testIds ?? []);
              if (failed.length > 0) await db.updateTable('tests').set({ bugs_synced_at: null }).where('id', 'in', failed).execute();
            }
          } catch (error) {
            fatal ??= error;
          }
        }),
      );
    }
  };

  const staleBefore = new Date(clock().getTime() - tuning.staleAfterMs).toISOString();
  const needsBugs = (test: ExploratoryTest, before: KnownTest | undefined, changed: boolean): boolean => {
    if (mode === 'full' || !before || before.bugsSyncedAt === null || changed) return true;
    if (isImmutableStatus(test.status) && before.immutable) return false;
    return before.bugsSyncedAt < staleBefore;
  };
  const inRange = (test: ExploratoryTest) => since === undefined || (utcIso(test.start_at) ?? '') >= since;
  const mutableKnown = [...known].filter(([, k]) => !k.immutable && (since === undefined || (k.start_at ?? '') >= since)).map(([id]) => id);

  const seen = new Set<number>();
  let pages = 0;
  let testsNew = 0;
  let testsChanged = 0;
  let testsListed = 0;
  let pageFailed = false;
  let failedInARow = 0;
  for (let page = 1; fatal === undefined; page += 1) {
    signal?.throwIfAborted();
    const range = await fetchTestsRange(source, productId, page, tuning.perPage, signal);
    pages += 1;
    if (range.failures.length > 0) {
      pageFailed = true;
      failures.push(...range.failures);
    }
    if (range.tests.length === 0 && range.failures.length === 0) break;
    // Two pages in a row that failed through and through: whatever follows cannot be reached now.
    failedInARow = range.tests.length === 0 ? failedInARow + 1 : 0;
    if (failedInARow >= 2) break;
    const before = seen.size;
    const listed = range.tests.filter((t) => !seen.has(t.id) && inRange(t));
    range.tests.forEach((t) => seen.add(t.id));
    testsListed += listed.length;
    const changed = listed.filter((t) => {
      const k = known.get(t.id);
      if (!k) testsNew += 1;
      else if (differs(k, t)) testsChanged += 1;
      else return false;
      return true;
    });
    if (changed.length > 0) await inTransaction(db, (trx) => upsertTests(trx, productId, changed, syncedAt));
    const changedIds = new Set(changed.map((t) => t.id));
    queueBugs(listed.filter((t) => needsBugs(t, known.get(t.id), changedIds.has(t.id))).map((t) => t.id));

    // Newest first: once a page reaches before `since`, the rest is older still.
    const last = range.tests.at(-1);
    if (since !== undefined && last && (utcIso(last.start_at) ?? '') < since) break;
    // A server ignoring `page` repeats itself: nothing unseen means we have everything.
    if (range.failures.length === 0 && seen.size === before) break;
    if (mode === 'incremental' && changed.length === 0 && range.failures.length === 0 && mutableKnown.every((id) => seen.has(id))) break;
  }
  // Tests stored earlier whose bugs never arrived (a failed or interrupted sync) and not listed now.
  queueBugs([...known].filter(([id, k]) => k.bugsSyncedAt === null && !queued.has(id)).map(([id]) => id));
  await Promise.all(jobs);
  if (fatal !== undefined) throw fatal;

  const done = at();
  const fetchedLabels = new Set(fetchedOk.map((id) => bugsLabel([id])));
  const resolved = open.filter((f) => fetchedLabels.has(f.what) || (!pageFailed && (f.what.startsWith('tests page') || f.what === 'features')));
  const featuresFailed = failures.some((f) => f.what === 'features');
  await inTransaction(db, async (trx) => {
    await recordFailures(trx, productId, failures, done);
    await resolveFailures(trx, resolved.filter((f) => !(f.what === 'features' && featuresFailed)).map((f) => f.id), done);
    await writeSyncState(trx, {
      product_id: productId,
      completed_at: pageFailed ? (state?.completed_at ?? null) : done,
      last_sync_at: done,
      last_error: failures[0] ? `${failures[0].what}: ${failures[0].error}` : null,
      covered_since: pageFailed ? (state?.covered_since ?? null) : coveredSince(state?.completed_at ?? null, state?.covered_since ?? null, since),
      last_duration_ms: Math.round(performance.now() - started),
    });
  });

  return {
    product_id: productId,
    product_name: product.name,
    mode,
    tests_listed: testsListed,
    tests_new: testsNew,
    tests_changed: testsChanged,
    tests_bugs_fetched: fetchedOk.length,
    bugs_written: bugsWritten,
    pages,
    failures: failures.map(({ what, error }) => ({ what, error })),
    complete: !pageFailed,
    duration_ms: Math.round(performance.now() - started),
  };
}

/** How far back the store now holds every test: null is "all of them". */
function coveredSince(previousCompleted: string | null, previous: string | null, since: string | undefined): string | null {
  if (since === undefined) return null;
  if (previousCompleted === null) return since;
  if (previous === null) return null;
  return since < previous ? since : previous;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
