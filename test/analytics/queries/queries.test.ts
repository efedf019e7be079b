/**
 * The query layer against random stores on SQLite and PostgreSQL: for any filter, list_bugs' pages
 * and every summary agree with a plain recount of the rows (through the milestone-1 bug
 * arithmetic), bugs without a feature and tests without features included, rates in [0, 1].
 */
import fc from 'fast-check';
import type { AnalyticsStore } from '../../../src/analytics/store/open-store.js';
import { bugSummary, rollupServes } from '../../../src/analytics/queries/bug-counts.js';
import type { BugFilter } from '../../../src/analytics/queries/bug-filter.js';
import { BUG_SORTS, SORT_ORDERS } from '../../../src/analytics/queries/limits.js';
import { bugListPage, listBugs, type BugListQuery } from '../../../src/analytics/queries/list-bugs.js';
import { listFeatures } from '../../../src/analytics/queries/list-features.js';
import { listUsers } from '../../../src/analytics/queries/list-users.js';
import { productSummary } from '../../../src/analytics/queries/product-summary.js';
import { featureSummary } from '../../../src/analytics/queries/feature-summary.js';
import { userSummary } from '../../../src/analytics/queries/user-summary.js';
import { bugDetail } from '../../../src/analytics/queries/bug-detail.js';
import { ContinuationTokens } from '../../../src/testio/services/continuation-token.js';
import { summarizeBugs, type BugSummary } from '../../../src/testio/services/bug-classify.js';
import { rebuildProductBugCounts } from '../../../src/analytics/store/product-bug-counts.js';
import type { BugsTable } from '../../../src/analytics/store/tables.js';

/** A page as the service asks for it: the token is checked first, and a bad one rejects. */
const listPage = async (db: Parameters<typeof listBugs>[0], tokens: Parameters<typeof bugListPage>[0], query: BugListQuery) => listBugs(db, bugListPage(tokens, query));
import { AUTHORS, dialects, REASONS, SEVERITIES, STATUSES, worldArb, writeWorld, type World } from './fixture.js';

/** The recount: the milestone-1 arithmetic over the rows a filter selects, written as plainly as possible. */
function recount(bugs: readonly BugsTable[]): BugSummary {
  return summarizeBugs(
    bugs.map((b) => ({
      id: b.id,
      severity: b.severity,
      status: b.status === 'auto_accepted' ? 'accepted' : b.status,
      auto_accepted: b.status === 'auto_accepted',
      known: b.known === 1,
    })) as never,
  );
}

function select(world: World, f: BugFilter): BugsTable[] {
  const has = <T>(list: readonly T[] | undefined, v: T) => !list || list.length === 0 || list.includes(v);
  return world.bugs.filter(
    (b) =>
      has(f.product_ids, b.product_id) &&
      has(f.test_ids, b.test_id) &&
      (!(f.feature_ids?.length || f.without_feature) || (b.feature_id !== null && !!f.feature_ids?.includes(b.feature_id)) || (!!f.without_feature && b.feature_id === null)) &&
      has(f.statuses as string[] | undefined, b.status) &&
      has(f.severities as string[] | undefined, b.severity) &&
      has(f.bug_types as string[] | undefined, b.bug_type) &&
      (!f.reject_reasons?.length || (b.reject_reason !== null && f.reject_reasons.includes(b.reject_reason))) &&
      (!f.authors?.length || (b.author !== null && f.authors.includes(b.author))) &&
      (f.known === undefined || b.known === (f.known ? 1 : 0)) &&
      (f.reported_from === undefined || (b.reported_at !== null && b.reported_at >= f.reported_from)) &&
      (f.reported_to === undefined || (b.reported_at !== null && b.reported_at <= f.reported_to)),
  );
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
const filterArb: fc.Arbitrary<BugFilter> = fc.record(
  {
    product_ids: fc.subarray([1, 2]),
    test_ids: fc.subarray([100, 101, 102, 103]),
    feature_ids: fc.subarray([11, 12, 21]),
    without_feature: fc.boolean(),
    statuses: fc.subarray([...STATUSES]),
    severities: fc.subarray([...SEVERITIES]),
    bug_types: fc.subarray(['functional', 'visual', 'content', 'custom'] as const),
    reject_reasons: fc.subarray([...REASONS]),
    authors: fc.subarray([...AUTHORS]),
    known: fc.boolean(),
    reported_from: fc.integer({ min: 0, max: 330 }).map(day),
    reported_to: fc.integer({ min: 0, max: 330 }).map(day),
  },
  { requiredKeys: [] },
);
/** Filters over product_bug_counts' columns only: the summary then comes from that rollup (rollupServes). */
const rollupFilterArb: fc.Arbitrary<BugFilter> = fc.record(
  {
    product_ids: fc.subarray([1, 2]),
    statuses: fc.subarray([...STATUSES]),
    severities: fc.subarray([...SEVERITIES]),
    reject_reasons: fc.subarray([...REASONS]),
    known: fc.boolean(),
  },
  { requiredKeys: [] },
);

const rates = (s: BugSummary) => Object.values(s.rates).filter((r): r is number => r !== null);

for (const dialect of dialects()) {
  describe(`analytics queries on ${dialect.name}`, () => {
    let store: AnalyticsStore;
    const tokens = new ContinuationTokens();
    beforeAll(async () => {
      store = await dialect.open();
    });
    afterAll(() => dialect.drop(store));

    it('for any store and filter, list_bugs pages and the summary equal a plain recount', async () => {
      await fc.assert(
        fc.asyncProperty(worldArb(), fc.array(fc.oneof(filterArb, rollupFilterArb), { minLength: 1, maxLength: 4 }), fc.constantFrom(...BUG_SORTS), fc.constantFrom(...SORT_ORDERS), fc.integer({ min: 1, max: 7 }), async (world, filters, sortBy, order, pageSize) => {
          await writeWorld(store, world);
          for (const filter of filters) {
            const expected = select(world, filter);
            const first = await listPage(store.db, tokens, { filter, sort_by: sortBy, sort_order: order, page_size: pageSize });
            expect(first.summary).toEqual(recount(expected));
            for (const r of rates(first.summary)) expect(r >= 0 && r <= 1).toBe(true);
            const seen = [...first.bugs];
            let page = first;
            while (page.continuation_token) {
              page = await listPage(store.db, tokens, { filter, sort_by: sortBy, sort_order: order, page_size: pageSize, continuation_token: page.continuation_token });
              seen.push(...page.bugs);
            }
            expect(seen.map((b) => b.id).sort()).toEqual(expected.map((b) => b.id).sort());
            expect(await bugSummary(store.db, filter)).toEqual(recount(expected));
            if (rollupServes(filter)) expect(await bugSummary(store.db, { ...filter, bug_ids: expected.map((b) => b.id) })).toEqual(recount(expected));
          }
          // A product's summary, its features (plus the bugs without one) and list_bugs agree.
          for (const productId of [1, 2]) {
            const product = await productSummary(store.db, productId);
            const mine = world.bugs.filter((b) => b.product_id === productId);
            expect(product.bugs).toEqual(recount(mine));
            expect(product.tests.total).toBe(world.tests.filter((t) => t.product_id === productId).length);
            const linked = new Set(world.testFeatures.map((l) => l.test_id));
            expect(product.tests.without_features).toBe(world.tests.filter((t) => t.product_id === productId && !linked.has(t.id)).length);
            const features = await listFeatures(store.db, productId);
            expect(features.features.reduce((a, f) => a + f.bugs, 0) + features.bugs_without_feature).toBe(mine.length);
            expect(product.bugs_without_feature).toBe(mine.filter((b) => b.feature_id === null).length);
            for (const f of features.features) {
              const summary = await featureSummary(store.db, f.id);
              expect(summary.bugs).toEqual(recount(mine.filter((b) => b.feature_id === f.id)));
              expect(summary.tests.total).toBe(world.testFeatures.filter((l) => l.feature_id === f.id).length);
            }
          }
          // Testers: their bug counts add up to every bug that has an author.
          const users = await listUsers(store.db, { kind: 'tester' });
          expect(users.users.reduce((a, u) => a + u.bugs_reported, 0)).toBe(world.bugs.filter((b) => b.author !== null).length);
          for (const u of users.users) {
            const summary = await userSummary(store.db, u.name);
            expect(summary.as_tester?.bugs).toEqual(recount(world.bugs.filter((b) => b.author === u.name)));
          }
        }),
        { numRuns: dialect.name === 'sqlite' ? 40 : 15 },
      );
    });

    it('for any period, list_users and get_user_summary of testers equal a recount (whole weeks from tester_weeks, the edges from bugs)', async () => {
      // Hours from late 2025 to the end of 2026, at odd seconds: periods start and end mid-week, on a
      // week's first instant, or inside one week.
      const instant = fc.integer({ min: -20 * 24, max: 345 * 24 }).map((h) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000 + (h % 3) * 1000).toISOString());
      await fc.assert(
        fc.asyncProperty(worldArb(), instant, instant, fc.boolean(), async (world, a, b, oneProduct) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          await writeWorld(store, world);
          const dated = world.bugs.filter((x) => x.author !== null && x.reported_at !== null && x.reported_at >= from && x.reported_at <= to);
          const scoped = oneProduct ? dated.filter((x) => x.product_id === 1) : dated;
          const list = await listUsers(store.db, { kind: 'tester', from, to, product_ids: oneProduct ? [1] : undefined });
          const expected = AUTHORS.flatMap((name) => {
            const mine = scoped.filter((x) => x.author === name).map((x) => ({ ...x, reported_at: x.reported_at! }));
            if (mine.length === 0) return [];
            const times = mine.map((x) => x.reported_at).sort();
            return [{
              name, bugs_reported: mine.length, accepted_bugs: mine.filter((x) => x.status === 'accepted' || x.status === 'auto_accepted').length,
              products: new Set(mine.map((x) => x.product_id)).size, first_activity_at: times[0], last_activity_at: times.at(-1),
            }];
          });
          const shown = list.users.map(({ name, bugs_reported, accepted_bugs, products, first_activity_at, last_activity_at }) => ({ name, bugs_reported, accepted_bugs, products, first_activity_at, last_activity_at }));
          expect(shown.sort((x, y) => x.name.localeCompare(y.name))).toEqual(expected);
          for (const u of list.users) {
            const mine = dated.filter((x) => x.author === u.name);
            const summary = await userSummary(store.db, u.name, { start: from, end: to });
            expect(summary.as_tester?.bugs).toEqual(recount(mine));
            expect(summary.as_tester?.tests).toBe(new Set(mine.map((x) => x.test_id)).size);
            expect(summary.as_tester?.products.map((p) => [p.id, p.bugs]).sort()).toEqual([...new Set(mine.map((x) => x.product_id))].map((id) => [id, mine.filter((x) => x.product_id === id).length]).sort());
          }
        }),
        { numRuns: dialect.name === 'sqlite' ? 60 : 15 },
      );
    });

    describe('on a fixed store', () => {
      const world = fc.sample(worldArb(25), { numRuns: 1, seed: 7 })[0]!;
      beforeAll(() => writeWorld(store, world));

      it('binds a continuation token to its filter and sort, and refuses an edited one', async () => {
        const page = await listPage(store.db, tokens, { filter: { statuses: ['rejected', 'accepted'] }, page_size: 2 });
        expect(page.continuation_token).toBeDefined();
        // The same filter written in another order is the same filter.
        await expect(listPage(store.db, tokens, { filter: { statuses: ['accepted', 'rejected'] }, page_size: 2, continuation_token: page.continuation_token })).resolves.toMatchObject({ offset: 2 });
        await expect(listPage(store.db, tokens, { filter: { statuses: ['rejected'] }, page_size: 2, continuation_token: page.continuation_token })).rejects.toMatchObject({ parameter: 'continuation_token' });
        await expect(listPage(store.db, tokens, { filter: { statuses: ['rejected', 'accepted'] }, sort_by: 'severity', page_size: 2, continuation_token: page.continuation_token })).rejects.toMatchObject({ parameter: 'continuation_token' });
        await expect(listPage(store.db, tokens, { filter: {}, continuation_token: `${page.continuation_token!}x` })).rejects.toMatchObject({ parameter: 'continuation_token' });
      });

      it('reads a summary from product_bug_counts exactly when the filter is within its columns', async () => {
        const served: BugFilter[] = [{}, { product_ids: [1], statuses: ['rejected'], severities: ['critical'], known: false, reject_reasons: ['known_bug'] }, { test_ids: [], without_feature: false }];
        const counted: BugFilter[] = [{ test_ids: [100] }, { without_feature: true }, { feature_ids: [11] }, { bug_types: ['visual'] }, { authors: ['ana'] }, { reported_from: day(3) }, { bug_ids: [1000] }];
        for (const f of served) expect(rollupServes(f)).toBe(true);
        for (const f of counted) expect(rollupServes(f)).toBe(false);
        // Emptied, the rollup answers nothing for what it serves, and the rest is still counted from bugs.
        await store.db.deleteFrom('product_bug_counts').execute();
        try {
          expect((await bugSummary(store.db, { statuses: ['rejected'] })).total).toBe(0);
          expect((await bugSummary(store.db, { authors: ['ana'] })).total).toBe(world.bugs.filter((b) => b.author === 'ana').length);
        } finally {
          await rebuildProductBugCounts(store.db);
        }
        expect((await bugSummary(store.db, { statuses: ['rejected'] })).total).toBe(world.bugs.filter((b) => b.status === 'rejected').length);
      });

      it('sorts by severity, critical first, the id breaking ties', async () => {
        const page = await listPage(store.db, tokens, { filter: {}, sort_by: 'severity', page_size: 100 });
        const rank = (s: string) => 6 - SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
        const keys = page.bugs.map((b) => [rank(b.severity), b.id] as const);
        expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
        expect(page.bugs[0]!.device).toBe('iOS 17.2 · iPhone 15 · Safari');
      });

      it('says to run sync_data for a product never synced, naming the parameter', async () => {
        await expect(productSummary(store.db, 3)).rejects.toMatchObject({ parameter: 'product_id', hint: expect.stringContaining('sync_data') });
        await expect(productSummary(store.db, 99)).rejects.toMatchObject({ parameter: 'product_id' });
      });

      it('answers not found for an unknown feature, user or bug', async () => {
        await expect(featureSummary(store.db, 999)).rejects.toMatchObject({ toolErrorKind: 'not_found' });
        await expect(userSummary(store.db, 'nobody')).rejects.toMatchObject({ toolErrorKind: 'not_found' });
        await expect(bugDetail(store.db, 1)).rejects.toMatchObject({ toolErrorKind: 'not_found' });
      });

      it('details one bug with its devices', async () => {
        const bug = world.bugs[0]!;
        const detail = await bugDetail(store.db, bug.id);
        expect(detail.bug).toMatchObject({ id: bug.id, status: bug.status, product_id: bug.product_id, test_id: bug.test_id, feature_id: bug.feature_id });
        expect(detail.bug.devices).toEqual(['iOS 17.2 · iPhone 15 · Safari']);
      });

      it('lists customers by the tests they created or submitted, once per test, in a period', async () => {
        const from = day(100);
        const list = await listUsers(store.db, { kind: 'customer', from });
        for (const u of list.users) {
          const mine = world.tests.filter((t) => (t.created_by === u.name || t.submitted_by === u.name) && t.start_at! >= from);
          expect(u.tests_created).toBe(mine.length);
        }
      });
    });
  });
}
