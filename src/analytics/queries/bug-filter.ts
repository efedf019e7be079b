/**
 * One filter over the `bugs` table, shared by list_bugs, every summary and the metrics: the same
 * filter always selects the same bugs, so counts agree across tools. Every field narrows (AND);
 * a list matches any of its values (OR). A bug without a feature is a bug like any other: it is
 * selected unless feature_ids is given, and `without_feature` asks for those bugs explicitly.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { BugStatus, BugType, SeverityBucket } from '../../testio/services/bug-classify.js';
import type { AnalyticsTables } from '../store/tables.js';

// A type, not an interface: it must fit the outputSchema's record of fields.
export type BugFilter = {
  bug_ids?: readonly number[];
  product_ids?: readonly number[];
  test_ids?: readonly number[];
  /** Bugs of these features; with `without_feature` also the bugs that have none. */
  feature_ids?: readonly number[];
  without_feature?: boolean;
  statuses?: readonly BugStatus[];
  severities?: readonly SeverityBucket[];
  bug_types?: readonly BugType[];
  reject_reasons?: readonly string[];
  authors?: readonly string[];
  known?: boolean;
  /** ISO 8601 UTC bounds on reported_at, inclusive. */
  reported_from?: string;
  reported_to?: string;
};

type BugsEb = ExpressionBuilder<AnalyticsTables, 'bugs'>;

const present = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

/** The WHERE clause of a filter, for `.where((eb) => bugWhere(eb, filter))` on a query over `bugs`. */
export function bugWhere(eb: BugsEb, f: BugFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (present(f.bug_ids)) parts.push(eb('bugs.id', 'in', [...f.bug_ids]));
  if (present(f.product_ids)) parts.push(eb('bugs.product_id', 'in', [...f.product_ids]));
  if (present(f.test_ids)) parts.push(eb('bugs.test_id', 'in', [...f.test_ids]));
  if (present(f.feature_ids) || f.without_feature) {
    const either: Expression<SqlBool>[] = [];
    if (present(f.feature_ids)) either.push(eb('bugs.feature_id', 'in', [...f.feature_ids]));
    if (f.without_feature) either.push(eb('bugs.feature_id', 'is', null));
    parts.push(eb.or(either));
  }
  if (present(f.statuses)) parts.push(eb('bugs.status', 'in', [...f.statuses]));
  if (present(f.severities)) parts.push(eb('bugs.severity', 'in', [...f.severities]));
  if (present(f.bug_types)) parts.push(eb('bugs.bug_type', 'in', [...f.bug_types]));
  if (present(f.reject_reasons)) parts.push(eb('bugs.reject_reason', 'in', [...f.reject_reasons]));
  if (present(f.authors)) parts.push(eb('bugs.author', 'in', [...f.authors]));
  if (f.known !== undefined) parts.push(eb('bugs.known', '=', f.known ? 1 : 0));
  if (f.reported_from !== undefined) parts.push(eb('bugs.reported_at', '>=', f.reported_from));
  if (f.reported_to !== undefined) parts.push(eb('bugs.reported_at', '<=', f.reported_to));
  return eb.and(parts);
}

const sorted = <T extends string | number>(list: readonly T[] | undefined): T[] | undefined =>
  present(list) ? [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : undefined;

/** The filter in one canonical form: equal filters give equal keys (continuation tokens bind to it). */
export function canonicalBugFilter(f: BugFilter): BugFilter {
  const out: BugFilter = {};
  const lists = ['bug_ids', 'product_ids', 'test_ids', 'feature_ids', 'statuses', 'severities', 'bug_types', 'reject_reasons', 'authors'] as const;
  for (const key of lists) {
    const value = sorted(f[key] as readonly (string | number)[] | undefined);
    if (value) (out as Record<string, unknown>)[key] = value;
  }
  if (f.without_feature) out.without_feature = true;
  if (f.known !== undefined) out.known = f.known;
  if (f.reported_from !== undefined) out.reported_from = f.reported_from;
  if (f.reported_to !== undefined) out.reported_to = f.reported_to;
  return out;
}

export function bugFilterKey(f: BugFilter): string {
  return JSON.stringify(canonicalBugFilter(f));
}
