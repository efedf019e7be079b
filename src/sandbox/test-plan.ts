/**
 * Decides which test cycles exist, when they run and what they are called, before any wire object
 * is built. Dates are relative to `anchor` (UTC midnight of the generation day) except the early
 * history, which starts on fixed dates in 2024 so that 2024 Q4 always has tests.
 *
 * Invariants the rest of the sandbox relies on: past tests end at or before `anchor`, running tests
 * started before `anchor` and end at least a day after it (so they are running all day long), and
 * initialized tests start a day or more after it.
 */
import { BIG_TEST_PRODUCT_ID, DAILY_TESTS_PRODUCT_ID, MAIN_PRODUCT_ID } from './content/products.js';
import type { CatalogEntry } from './catalog.js';
import { addDays, addHours, dayString, DAY_MS, monthYear } from './dates.js';
import type { Random } from './random.js';
import { SANDBOX_SIZES, type SandboxSize } from './sizes.js';
import type { TestingType, TestStatus } from './types.js';

export const PINNED_TEST_IDS = { continuous: 109363, regression: 109364, big: 120000 } as const;

/** How the bugs of a test are drawn. */
export type BugProfile = 'auto' | 'all-statuses-deck' | 'none';

export interface TestPlan {
  entry: CatalogEntry;
  title: string;
  testingType: TestingType;
  startAt: Date;
  hours: number;
  createdAt: Date;
  cancelled: boolean;
  bugCount: number;
  bugProfile: BugProfile;
  pinnedId?: number;
}

const BUGS_BY_TYPE: Record<TestingType, [number, number]> = {
  coverage: [4, 12],
  focused: [3, 9],
  rapid: [0, 3],
  usability: [2, 6],
};

class Planner {
  readonly plans: TestPlan[] = [];
  private readonly versions = new Map<number, number>();

  constructor(
    private readonly rng: Random,
    private readonly anchor: Date,
  ) {}

  add(entry: CatalogEntry, startAt: Date, hours: number, extra: Partial<TestPlan> & { theme?: string } = {}): TestPlan {
    const testingType = extra.testingType ?? this.rng.weighted<TestingType>([['coverage', 6], ['focused', 2], ['rapid', 1], ['usability', 1]]);
    const [min, max] = BUGS_BY_TYPE[testingType];
    const lead = this.rng.int(1, 10) * DAY_MS;
    const createdAt = new Date(Math.min(startAt.getTime() - lead, this.anchor.getTime() - 2 * 3_600_000));
    const plan: TestPlan = {
      entry,
      title: extra.title ?? this.title(entry, extra.theme ?? this.rng.pick(entry.spec.themes), startAt),
      testingType,
      startAt,
      hours,
      createdAt: extra.createdAt ?? createdAt,
      cancelled: extra.cancelled ?? false,
      bugCount: extra.bugCount ?? this.rng.int(min, max),
      bugProfile: extra.bugProfile ?? 'auto',
      pinnedId: extra.pinnedId,
    };
    this.plans.push(plan);
    return plan;
  }

  /** Regression themes get a release number that grows over time; the others the month. */
  title(entry: CatalogEntry, theme: string, startAt: Date): string {
    if (/regression|smoke|hotfix/i.test(theme)) {
      const next = (this.versions.get(entry.spec.id) ?? 30) + 1;
      this.versions.set(entry.spec.id, next);
      return `${theme} ${Math.floor(next / 10)}.${next % 10}`;
    }
    return `${theme} – ${monthYear(startAt)}`;
  }

  /** Tests every `minGap`..`maxGap` days from `first` until `until`, some of them cancelled. */
  history(entry: CatalogEntry, first: Date, until: Date, minGap: number, maxGap: number): void {
    let start = first;
    for (;;) {
      const hours = this.rng.pick([24, 48, 48, 72]);
      if (addHours(start, hours).getTime() > until.getTime()) break;
      this.add(entry, start, hours, { cancelled: this.rng.chance(0.06) });
      start = addHours(addDays(start, this.rng.int(minGap, maxGap)), this.rng.int(-2, 2));
    }
  }
}

function at(anchor: Date, dayOffset: number, hour: number): Date {
  return addHours(addDays(anchor, dayOffset), hour);
}

/** Bugs per bulk test: 15..28, about 21.5 on average. */
const BULK_BUGS: [number, number] = [15, 28];

export function planTests(entries: CatalogEntry[], anchor: Date, rng: Random, size: SandboxSize = 'default'): TestPlan[] {
  const planner = new Planner(rng, anchor);
  for (const entry of entries) {
    if (entry.spec.id === MAIN_PRODUCT_ID) planMainProduct(planner, entry, anchor);
    else if (entry.spec.id === DAILY_TESTS_PRODUCT_ID) planDailySmokeTests(planner, entry, anchor);
    else planRegularProduct(planner, entry, anchor, rng);
  }
  const bulk = SANDBOX_SIZES[size];
  if (bulk > 0) planBulkHistory(planner, entries, anchor, rng, bulk);
  return planner.plans;
}

/** `count` finished past tests spread over the regular products since January 2024. */
function planBulkHistory(planner: Planner, entries: CatalogEntry[], anchor: Date, rng: Random, count: number): void {
  const regular = entries.filter((e) => e.spec.id !== MAIN_PRODUCT_ID && e.spec.id !== DAILY_TESTS_PRODUCT_ID);
  const first = Date.UTC(2024, 0, 2, 6);
  const span = addDays(anchor, -10).getTime() - first;
  for (let i = 0; i < count; i++) {
    const hours = rng.pick([4, 24, 48, 72]);
    const start = new Date(first + Math.floor(((i + rng.next()) / count) * span));
    planner.add(rng.pick(regular), start, hours, { cancelled: rng.chance(0.04), bugCount: rng.int(...BULK_BUGS) });
  }
}

/** Product 25073: long history since January 2024, every status, and the pinned tests 109363/109364. */
function planMainProduct(planner: Planner, entry: CatalogEntry, anchor: Date): void {
  planner.history(entry, new Date(Date.UTC(2024, 0, 8, 9)), addDays(anchor, -36), 14, 28);

  planner.add(entry, at(anchor, -33, 9), 48, { theme: 'Card management', testingType: 'coverage' });
  const continuous = planner.add(entry, at(anchor, -20, 8), 720, {
    title: 'Money transfers and payees – continuous testing',
    testingType: 'coverage',
    pinnedId: PINNED_TEST_IDS.continuous,
    bugCount: 28,
    bugProfile: 'all-statuses-deck',
  });
  planner.add(entry, at(anchor, -16, 9), 48, { theme: 'Statement downloads', cancelled: true, testingType: 'focused' });
  planner.add(entry, at(anchor, -12, 10), 48, { theme: 'New payee flow', testingType: 'focused' });
  planner.add(entry, at(anchor, -5, 9), 72, {
    theme: 'Release regression',
    testingType: 'coverage',
    pinnedId: PINNED_TEST_IDS.regression,
    // Planned together with 109363, so it was created right after it.
    createdAt: addHours(continuous.createdAt, 2),
  });
  planner.add(entry, at(anchor, -3, 14), 48, { theme: 'Smoke test after hotfix', testingType: 'rapid', bugCount: 3 });
  planner.add(entry, at(anchor, -1, 8), 96, { theme: 'Login and two-factor authentication', testingType: 'coverage' });
  planner.add(entry, at(anchor, 2, 9), 48, { theme: 'Money transfers end-to-end', testingType: 'coverage' });
  planner.add(entry, at(anchor, 6, 9), 72, { theme: 'Accessibility and layout check', testingType: 'usability' });
}

/** FreshCart runs a short rapid test every morning: over 150 tests, so the unpaged list is capped. */
function planDailySmokeTests(planner: Planner, entry: CatalogEntry, anchor: Date): void {
  for (let day = 200; day >= 1; day--) {
    const start = at(anchor, -day, 6);
    planner.add(entry, start, 4, { title: `Daily smoke test ${dayString(start)}`, testingType: 'rapid' });
  }
}

function planRegularProduct(planner: Planner, entry: CatalogEntry, anchor: Date, rng: Random): void {
  const first = new Date(Date.UTC(2024, rng.int(1, 5), rng.int(1, 28), 9));
  planner.history(entry, first, addDays(anchor, -8), 25, 55);
  if (entry.spec.id === BIG_TEST_PRODUCT_ID) {
    planner.add(entry, at(anchor, -75, 8), 336, {
      title: 'Full regression sweep – summer release',
      testingType: 'coverage',
      pinnedId: PINNED_TEST_IDS.big,
      bugCount: 2000,
    });
  }
  if (rng.chance(0.6)) planner.add(entry, at(anchor, -2, 9), 96);
  if (rng.chance(0.4)) planner.add(entry, at(anchor, rng.int(2, 9), 9), 48);
}

/** Status follows the dates; see the invariants at the top of this file. */
export function statusOf(plan: TestPlan, anchor: Date): TestStatus {
  if (plan.cancelled) return 'cancelled';
  const start = plan.startAt.getTime();
  const end = addHours(plan.startAt, plan.hours).getTime();
  const now = anchor.getTime();
  if (start > now) return 'initialized';
  if (end > now) return 'running';
  if (end > now - 7 * DAY_MS) return 'locked';
  if (end > now - 180 * DAY_MS) return 'customer_finalized';
  return 'archived';
}

/**
 * Ids follow creation order with gaps (other customers' tests take the numbers in between), with
 * 109363 and 109364 at their pinned places. 120000 is the benchmark test, outside the sequence.
 */
export function assignTestIds(plans: TestPlan[], rng: Random): Map<TestPlan, number> {
  const ids = new Map<TestPlan, number>();
  const byCreation = [...plans].filter((p) => p.pinnedId === undefined).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const pivot = plans.find((p) => p.pinnedId === PINNED_TEST_IDS.continuous);
  const pivotTime = pivot ? pivot.createdAt.getTime() : Number.POSITIVE_INFINITY;
  const before = byCreation.filter((p) => p.createdAt.getTime() < pivotTime);
  const after = byCreation.filter((p) => p.createdAt.getTime() >= pivotTime);

  let id: number = PINNED_TEST_IDS.continuous;
  // Ids stay positive however much history there is (the large size has thousands of older tests);
  // the default size keeps steps of up to 40, so its ids are unchanged.
  const maxStep = Math.max(1, Math.min(40, Math.floor((PINNED_TEST_IDS.continuous - 1_000) / Math.max(1, before.length))));
  for (let i = before.length - 1; i >= 0; i--) {
    id -= rng.int(1, maxStep);
    ids.set(before[i]!, id);
  }
  id = PINNED_TEST_IDS.regression;
  for (const plan of after) {
    id += rng.int(1, 40);
    if (id === PINNED_TEST_IDS.big) id++;
    ids.set(plan, id);
  }
  for (const plan of plans) if (plan.pinnedId !== undefined) ids.set(plan, plan.pinnedId);
  return ids;
}
