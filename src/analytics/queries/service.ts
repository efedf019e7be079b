/**
 * The analytics read tools' service: the caller's store, the sync checks (a product never synced
 * is an error that says to run sync_data), the date phrases, and the freshness every answer
 * carries, around the queries of this folder. One per tenant and call scope (ctx.analyticsQueries).
 */
import { pagingTokens } from '../../testio/services/continuation-token.js';
import type { AnalyticsStore } from '../store/open-store.js';
import { bugDetail } from './bug-detail.js';
import type { BugFilter } from './bug-filter.js';
import { featureSummary } from './feature-summary.js';
import { bugListPage, listBugs, type BugListQuery } from './list-bugs.js';
import type { FeatureSort, SearchKind, UserKind } from './limits.js';
import { listFeatures } from './list-features.js';
import { listUsers } from './list-users.js';
import { periodOf } from './period.js';
import { productSummary } from './product-summary.js';
import { search } from './search.js';
import { freshnessOf, requireAnySynced, requireSynced } from './synced-products.js';
import { userSummary } from './user-summary.js';

export interface DateArgs {
  start_date?: string;
  end_date?: string;
}

/** Where the caller's store comes from (ctx.analytics in a call). */
export interface StoreSource {
  tenantId: string;
  /** The server's shared signing secret, if any (paging tokens then work on every replica). */
  pagingSecret?: string;
  store(): Promise<AnalyticsStore>;
}

export class AnalyticsQueries {
  constructor(
    private readonly source: StoreSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async db() {
    return (await this.source.store()).db;
  }

  /** The products a filter covers, checked: the named ones, or every synced product. */
  private async covered(productIds: readonly number[] | undefined, parameter = 'product_ids') {
    const db = await this.db();
    return productIds && productIds.length > 0 ? requireSynced(db, productIds, parameter) : requireAnySynced(db, parameter);
  }

  async listBugs(query: Omit<BugListQuery, 'filter'> & { filter: Omit<BugFilter, 'reported_from' | 'reported_to'> } & DateArgs) {
    const period = periodOf(query.start_date, query.end_date, this.now());
    const filter: BugFilter = { ...query.filter, ...(period ? { reported_from: period.start, reported_to: period.end } : {}) };
    const page = bugListPage(pagingTokens(this.source.pagingSecret, `analytics:${this.source.tenantId}`), { ...query, filter });
    const products = await this.covered(query.filter.product_ids);
    const list = await listBugs(await this.db(), page);
    return { ...list, period, freshness: freshnessOf(products, this.now()) };
  }

  async listFeatures(productId: number, sort?: FeatureSort, limit?: number) {
    const products = await requireSynced(await this.db(), [productId], 'product_id');
    const list = await listFeatures(await this.db(), productId, sort, limit);
    return { product: { id: productId, name: products[0]!.name }, ...list, freshness: freshnessOf(products, this.now()) };
  }

  async listUsers(args: { kind: UserKind | 'all'; product_ids?: number[]; limit?: number } & DateArgs) {
    const period = periodOf(args.start_date, args.end_date, this.now());
    const products = await this.covered(args.product_ids);
    const list = await listUsers(await this.db(), { kind: args.kind, product_ids: args.product_ids, from: period?.start, to: period?.end, limit: args.limit });
    return { kind: args.kind, period, ...list, freshness: freshnessOf(products, this.now()) };
  }

  async search(args: { query: string; kinds?: SearchKind[]; product_ids?: number[]; limit?: number }) {
    const products = await this.covered(args.product_ids);
    const store = await this.source.store();
    const result = await search(store.db, store.dialect, args);
    return { query: args.query, ...result, freshness: freshnessOf(products, this.now()) };
  }

  async productSummary(productId: number, dates: DateArgs = {}) {
    return productSummary(await this.db(), productId, periodOf(dates.start_date, dates.end_date, this.now()));
  }

  async featureSummary(featureId: number) {
    return featureSummary(await this.db(), featureId);
  }

  async userSummary(name: string, dates: DateArgs = {}) {
    return userSummary(await this.db(), name, periodOf(dates.start_date, dates.end_date, this.now()));
  }

  async bugSummary(bugId: number) {
    return bugDetail(await this.db(), bugId);
  }
}
