/**
 * The seeded dataset. Deterministic for a given seed AND UTC calendar day: dates before the recent
 * past are fixed (history starts in January 2024), while the recent tests are placed relative to
 * today's UTC midnight so that "running" tests really run today and "last 30 days" is never empty.
 * Pass `now` to pin the day (tests do, to compare two generations).
 */
import { buildCatalog } from './catalog.js';
import { REJECT_REASONS } from './content/people.js';
import { dayString, utcMidnight } from './dates.js';
import { buildBugsForTest } from './generate-bugs.js';
import { buildTest } from './generate-tests.js';
import { Random } from './random.js';
import type { SandboxSize } from './sizes.js';
import { assignTestIds, planTests, statusOf } from './test-plan.js';
import type { Bug, ExploratoryTest, SandboxData } from './types.js';

export const DEFAULT_SEED = 42;

export interface GenerateOptions {
  /** The moment whose UTC day anchors the relative dates; default: the current time. */
  now?: Date;
  /** `default` (the dataset the tests know) or `large` (about 10,000 tests and 200,000 bugs). */
  size?: SandboxSize;
}

export function generateSandboxData(seed: number = DEFAULT_SEED, options: GenerateOptions = {}): SandboxData {
  const anchor = utcMidnight(options.now ?? new Date());
  const rng = new Random(seed);
  const entries = buildCatalog();
  const plans = planTests(entries, anchor, rng, options.size);
  const ids = assignTestIds(plans, rng);

  let testFeatureId = 412000;
  const nextTestFeatureId = () => testFeatureId++;
  const tests: ExploratoryTest[] = [];
  const bugs: Bug[] = [];
  // Build in id order so that the random draws, and so the data, do not depend on plan order.
  const ordered = [...plans].sort((a, b) => ids.get(a)! - ids.get(b)!);
  for (const plan of ordered) {
    const { test, features } = buildTest(plan, ids.get(plan)!, statusOf(plan, anchor), rng, nextTestFeatureId);
    tests.push(test);
    bugs.push(...buildBugsForTest({ plan, test, features, anchor }, rng));
  }
  numberBugs(bugs, rng);

  return {
    products: entries.map((e) => e.product),
    tests,
    bugs,
    catalogs: entries.map((e) => e.catalog),
    reject_reasons: REJECT_REASONS.map((r) => ({ ...r })),
    anchor_day: dayString(anchor),
  };
}

/** Bug ids follow the reported time, with gaps for other customers' bugs; the list ends sorted by id. */
function numberBugs(bugs: Bug[], rng: Random): void {
  // Same-format ISO strings order correctly as plain strings (localeCompare is far slower).
  bugs.sort((a, b) => (a.reported_at < b.reported_at ? -1 : a.reported_at > b.reported_at ? 1 : a.test.id - b.test.id));
  let id = 2_310_000;
  let commentId = 880_000;
  let attachmentId = 5_120_000;
  for (const bug of bugs) {
    id += rng.int(1, 25);
    bug.id = id;
    for (const comment of bug.comments) comment.id = commentId++;
    bug.attachments.forEach((attachment, i) => {
      attachment.id = attachmentId++;
      attachment.url = `https://attachments.sandbox.test.io/bugs/${id}/screenshot-${i + 1}.png`;
    });
  }
}
