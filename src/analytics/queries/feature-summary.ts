/** get_feature_summary: one feature, its user stories, the tests that list it and its bugs. */
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../platform/errors.js';
import type { AnalyticsTables } from '../store/tables.js';
import { bugSummary } from './bug-counts.js';
import { bugCountsBy, sumValues, testCountsByStatus } from './group-counts.js';
import { selectListedBugs } from './list-bugs.js';
import type { FeatureSummary } from './schemas.js';
import { freshnessOf, requireSynced } from './synced-products.js';

const STORIES = 20;
const RECENT = 3;

export async function featureSummary(db: Kysely<AnalyticsTables>, featureId: number): Promise<FeatureSummary> {
  const feature = await db.selectFrom('features').where('id', '=', featureId).selectAll().executeTakeFirst();
  if (!feature) {
    throw new NotFoundError('Feature', featureId, 'list_features shows the features of a synced product; a product not synced yet needs sync_data first.');
  }
  const [product] = await requireSynced(db, [feature.product_id], 'feature_id');
  const filter = { feature_ids: [featureId] };
  const [stories, byStatus, bugs, reasons, testers, recent] = await Promise.all([
    db.selectFrom('user_stories').where('feature_id', '=', featureId).select('title').orderBy('position').execute(),
    testCountsByStatus(db, { feature_id: featureId }),
    bugSummary(db, filter),
    bugCountsBy(db, { ...filter, statuses: ['rejected'] }, 'reject_reason'),
    db
      .selectFrom('bugs')
      .where('feature_id', '=', featureId)
      .where('author', 'is not', null)
      .select((eb) => eb.fn.count<number>('author').distinct().as('n'))
      .executeTakeFirstOrThrow(),
    selectListedBugs(db, filter, { sortBy: 'reported_at', order: 'desc', limit: RECENT }),
  ]);
  return {
    feature: { id: feature.id, title: feature.title, description: feature.description, product: { id: product!.id, name: product!.name } },
    freshness: freshnessOf([product!]),
    user_stories: stories.slice(0, STORIES).map((s) => s.title),
    user_story_count: stories.length,
    tests: { total: sumValues(byStatus), by_status: byStatus },
    bugs,
    reject_reasons: reasons,
    testers: Number(testers.n),
    recent_bugs: recent,
  };
}
