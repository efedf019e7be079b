/**
 * list_bugs over the store: any filter (bug-filter.ts), a stable sort (every order ends on the id,
 * so pages never overlap or skip), pages bound to their filter and sort by a signed continuation
 * token, and the summary of every matching bug, not just the page.
 */
import { sql, type Kysely } from 'kysely';
import type { BugSummary } from '../../testio/services/bug-classify.js';
import { fitBudget, PAGE_CHAR_BUDGET } from '../../testio/services/bug-query-service.js';
import type { ContinuationTokens } from '../../testio/services/continuation-token.js';
import type { AnalyticsTables } from '../store/tables.js';
import { bugSummary } from './bug-counts.js';
import { bugFilterKey, bugWhere, canonicalBugFilter, type BugFilter } from './bug-filter.js';
import { deviceLine } from './device-line.js';
import { DEFAULT_BUG_PAGE, type BugSort, type SortOrder } from './limits.js';
import type { ListedBug } from './schemas.js';

/** Tokens of this list are not tied to one test: one scope for all of them, the filter does the binding. */
const TOKEN_SCOPE = 0;

export interface BugListQuery {
  filter: BugFilter;
  sort_by?: BugSort;
  sort_order?: SortOrder;
  page_size?: number;
  continuation_token?: string;
}

export interface BugList {
  filter: BugFilter;
  sort_by: BugSort;
  sort_order: SortOrder;
  matching_bugs: number;
  summary: BugSummary;
  offset: number;
  page_size: number;
  returned: number;
  bugs: ListedBug[];
  continuation_token?: string;
}

// Severity ranks critical highest; statuses rank from still-open to accepted.
const SEVERITY_RANK = sql<number>`CASE bugs.severity WHEN 'critical' THEN 6 WHEN 'high' THEN 5 WHEN 'low' THEN 4 WHEN 'visual' THEN 3 WHEN 'content' THEN 2 ELSE 1 END`;
const STATUS_RANK = sql<number>`CASE bugs.status WHEN 'forwarded' THEN 4 WHEN 'rejected' THEN 3 WHEN 'auto_accepted' THEN 2 ELSE 1 END`;
// '' sorts before every date in both dialects (NULL placement differs between SQLite and PostgreSQL).
const REPORTED = sql<string>`COALESCE(bugs.reported_at, '')`;

function sortKey(sort: BugSort, filter: BugFilter) {
  // One severity (or status) selected: its rank is the same for every row, so the id alone gives
  // the same order, without computing and sorting a rank per row ("rejected critical by severity").
  if ((sort === 'severity' && filter.severities?.length === 1) || (sort === 'status' && filter.statuses?.length === 1)) return sql<number>`bugs.id`;
  return sort === 'severity' ? SEVERITY_RANK : sort === 'status' ? STATUS_RANK : sort === 'reported_at' ? REPORTED : sql<number>`bugs.id`;
}

/** A list request with its continuation token checked, so a garbage token is refused before anything is read. */
export interface BugListPage {
  filter: BugFilter;
  sortBy: BugSort;
  order: 'asc' | 'desc';
  pageSize: number;
  key: string;
  offset: number;
  tokens: ContinuationTokens;
}

export function bugListPage(tokens: ContinuationTokens, query: BugListQuery): BugListPage {
  const filter = canonicalBugFilter(query.filter);
  const sortBy = query.sort_by ?? 'reported_at';
  const order = query.sort_order ?? 'desc';
  const key = `${bugFilterKey(filter)};sort=${sortBy} ${order}`;
  const offset = query.continuation_token ? tokens.decode(query.continuation_token, { scope: TOKEN_SCOPE, filters: key, scopeName: 'list' }) : 0;
  return { filter, sortBy, order, pageSize: query.page_size ?? DEFAULT_BUG_PAGE, key, offset, tokens };
}

export async function listBugs(db: Kysely<AnalyticsTables>, page: BugListPage): Promise<BugList> {
  const { filter, sortBy, order, pageSize, key, offset, tokens } = page;
  const summary = await bugSummary(db, filter);
  const bugs = fitBudget(await selectListedBugs(db, filter, { sortBy, order, limit: pageSize, offset }), PAGE_CHAR_BUDGET);
  const next = offset + bugs.length;
  return {
    filter,
    sort_by: sortBy,
    sort_order: order,
    matching_bugs: summary.total,
    summary,
    offset,
    page_size: pageSize,
    returned: bugs.length,
    bugs,
    ...(next < summary.total ? { continuation_token: tokens.encode({ scope: TOKEN_SCOPE, filters: key, offset: next }) } : {}),
  };
}

/** One page of bug rows in a stable order (the id breaks every tie). */
export async function selectListedBugs(
  db: Kysely<AnalyticsTables>,
  filter: BugFilter,
  page: { sortBy: BugSort; order: SortOrder; limit: number; offset?: number },
): Promise<ListedBug[]> {
  // The page's ids first, from the bugs table alone (an index covers filter, order and id for the
  // common lists), then the joins for those rows only: joining before the sort would read and join
  // every selected bug to return one page.
  const pageIds = db
    .selectFrom('bugs')
    .where((eb) => bugWhere(eb, filter))
    .select('bugs.id')
    .orderBy(sortKey(page.sortBy, filter), page.order)
    .orderBy('bugs.id', page.order)
    .limit(page.limit)
    .offset(page.offset ?? 0);
  const rows = await db
    .selectFrom('bugs')
    .leftJoin('tests', 'tests.id', 'bugs.test_id')
    .leftJoin('bug_devices', (join) => join.onRef('bug_devices.bug_id', '=', 'bugs.id').on('bug_devices.position', '=', 0))
    .where('bugs.id', 'in', pageIds)
    .select([
      'bugs.id', 'bugs.title', 'bugs.severity', 'bugs.bug_type', 'bugs.status', 'bugs.known', 'bugs.reported_at', 'bugs.author',
      'bugs.product_id', 'bugs.test_id', 'tests.title as test_title', 'bugs.feature_id', 'bugs.feature_title', 'bugs.reject_reason',
      'bug_devices.operating_system', 'bug_devices.operating_system_version', 'bug_devices.device', 'bug_devices.browsers', 'bug_devices.category',
    ])
    .orderBy(sortKey(page.sortBy, filter), page.order)
    .orderBy('bugs.id', page.order)
    .execute();
  return rows.map((r): ListedBug => ({
    id: r.id,
    title: r.title,
    severity: r.severity as ListedBug['severity'],
    bug_type: r.bug_type as ListedBug['bug_type'],
    status: r.status as ListedBug['status'],
    known: Number(r.known) === 1,
    reported_at: r.reported_at,
    device: deviceLine(r),
    author: r.author,
    product_id: r.product_id,
    test_id: r.test_id,
    test_title: r.test_title,
    feature_id: r.feature_id,
    feature_title: r.feature_title,
    reject_reason: r.reject_reason,
  }));
}
