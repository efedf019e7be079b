/**
 * get_product_summary: one synced product at a glance. Tests are those that started in the period,
 * bugs those reported in it (all time without a period), the same selection list_bugs makes with
 * the same product and dates, so the two always agree. Tests without features and bugs without a
 * feature are counted, and shown apart as well.
 */
import type { Kysely } from 'kysely';
import type { AnalyticsTables } from '../store/tables.js';
import { bugSummariesBy, bugSummary } from './bug-counts.js';
import type { BugFilter } from './bug-filter.js';
import { bugCountsBy, testCountsByStatus } from './group-counts.js';
import { testCoverage } from './list-features.js';
import type { Period, ProductSummary } from './schemas.js';
import { freshnessOf, requireSynced } from './synced-products.js';

const TOP = 5;

export async function productSummary(db: Kysely<AnalyticsTables>, productId: number, period: Period = null): Promise<ProductSummary> {
  const [product] = await requireSynced(db, [productId], 'product_id');
  const filter: BugFilter = { product_ids: [productId], ...(period ? { reported_from: period.start, reported_to: period.end } : {}) };
  const [byStatus, coverage, bugs, byType, reasons, byFeature, byAuthor, features] = await Promise.all([
    testCountsByStatus(db, { product_ids: [productId], from: period?.start, to: period?.end }),
    testCoverage(db, [productId], period?.start, period?.end),
    bugSummary(db, filter),
    bugCountsBy(db, filter, 'bug_type'),
    bugCountsBy(db, { ...filter, statuses: ['rejected'] }, 'reject_reason'),
    bugSummariesBy(db, filter, 'feature_id'),
    bugSummariesBy(db, filter, 'author'),
    db.selectFrom('features').where('product_id', '=', productId).select(['id', 'title']).execute(),
  ]);
  const titles = new Map(features.map((f) => [f.id, f.title]));
  const top = [...byFeature]
    .filter((e): e is [number, (typeof e)[1]] => e[0] !== null)
    .map(([id, s]) => ({ id, title: titles.get(id) ?? `feature ${id}`, bugs: s.total }))
    .sort((a, b) => b.bugs - a.bugs || a.id - b.id);
  const testers = [...byAuthor]
    .filter((e): e is [string, (typeof e)[1]] => e[0] !== null)
    .map(([name, s]) => ({ name, bugs: s.total }))
    .sort((a, b) => b.bugs - a.bugs || a.name.localeCompare(b.name));
  return {
    product: { id: product!.id, name: product!.name, type: product!.type },
    freshness: freshnessOf([product!]),
    period,
    tests: { total: coverage.tests, by_status: byStatus, without_features: coverage.without_features },
    bugs,
    bugs_by_type: byType,
    reject_reasons: reasons,
    bugs_without_feature: byFeature.get(null)?.total ?? 0,
    features: { total: features.length, with_bugs: top.length, top: top.slice(0, TOP) },
    testers: { active: testers.length, top: testers.slice(0, TOP) },
  };
}
