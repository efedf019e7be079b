/**
 * list_features: a product's features with their user stories, tests and bugs, plus what a
 * feature-based count would drop: the bugs reported outside any feature and the tests that list
 * none. Bug counts come from the bugs themselves (bugs.feature_id), never from test-feature links.
 */
import type { Kysely } from 'kysely';
import type { BugSummary } from '../../testio/services/bug-classify.js';
import type { AnalyticsTables } from '../store/tables.js';
import { bugSummariesBy, bugSummary } from './bug-counts.js';
import { MAX_FEATURES, type FeatureSort } from './limits.js';
import type { FeatureRow } from './schemas.js';

type Db = Kysely<AnalyticsTables>;


export interface FeatureList {
  total_features: number;
  returned: number;
  truncated: boolean;
  features: FeatureRow[];
  /** Every bug of the product, with and without a feature. */
  bugs: BugSummary;
  bugs_without_feature: number;
  tests: number;
  tests_without_features: number;
}

async function countsBy(db: Db, table: 'user_stories' | 'test_features', productId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom(table)
    .where('product_id', '=', productId)
    .select((eb) => ['feature_id', eb.fn.countAll<number>().as('n')])
    .groupBy('feature_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.feature_id), Number(r.n)]));
}

/** Tests of a product, and those that list no feature. */
export async function testCoverage(db: Db, productIds: readonly number[], from?: string, to?: string): Promise<{ tests: number; without_features: number }> {
  let query = db.selectFrom('tests').where('tests.product_id', 'in', [...productIds]);
  if (from) query = query.where('tests.start_at', '>=', from);
  if (to) query = query.where('tests.start_at', '<=', to);
  const row = await query
    .select((eb) => [
      eb.fn.countAll<number>().as('tests'),
      eb.fn
        .countAll<number>()
        .filterWhere(eb.not(eb.exists(eb.selectFrom('test_features').whereRef('test_features.test_id', '=', 'tests.id').select('test_features.test_id'))))
        .as('without_features'),
    ])
    .executeTakeFirstOrThrow();
  return { tests: Number(row.tests), without_features: Number(row.without_features) };
}

export async function listFeatures(db: Db, productId: number, sort: FeatureSort = 'bugs', limit = MAX_FEATURES): Promise<FeatureList> {
  const [features, stories, tests, byFeature, all, coverage] = await Promise.all([
    db.selectFrom('features').where('product_id', '=', productId).select(['id', 'product_id', 'title']).execute(),
    countsBy(db, 'user_stories', productId),
    countsBy(db, 'test_features', productId),
    bugSummariesBy(db, { product_ids: [productId] }, 'feature_id'),
    bugSummary(db, { product_ids: [productId] }),
    testCoverage(db, [productId]),
  ]);
  const rows: FeatureRow[] = features.map((f) => {
    const bugs = byFeature.get(f.id);
    return {
      id: f.id,
      product_id: f.product_id,
      title: f.title,
      user_stories: stories.get(f.id) ?? 0,
      tests: tests.get(f.id) ?? 0,
      bugs: bugs?.total ?? 0,
      open_bugs: bugs?.by_status.open ?? 0,
      acceptance_rate: bugs?.rates.acceptance_rate ?? null,
    };
  });
  const order: Record<FeatureSort, (a: FeatureRow, b: FeatureRow) => number> = {
    bugs: (a, b) => b.bugs - a.bugs,
    tests: (a, b) => b.tests - a.tests,
    title: (a, b) => a.title.localeCompare(b.title),
  };
  rows.sort((a, b) => order[sort](a, b) || a.id - b.id);
  const shown = rows.slice(0, limit);
  return {
    total_features: rows.length,
    returned: shown.length,
    truncated: shown.length < rows.length,
    features: shown,
    bugs: all,
    bugs_without_feature: byFeature.get(null)?.total ?? 0,
    tests: coverage.tests,
    tests_without_features: coverage.without_features,
  };
}
