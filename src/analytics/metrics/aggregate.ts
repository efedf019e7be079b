/**
 * Compiles a scope and up to two dimensions to Kysely queries over the analytics store and returns
 * each group's raw counts (GroupCounts). Figures are computed from these counts by the registry,
 * so query_metrics and generate_quality_report share one piece of SQL and one bug arithmetic.
 *
 * At most three queries, each one GROUP BY, run only when a requested figure needs them:
 * - the bug matrix: bugs by group x status x severity bucket (+ known), for every bug figure;
 * - distinct counts over bugs: testers, and tests/features in bug mode;
 * - distinct counts over tests: tests/features in test mode (tests without bugs count too).
 * Bug mode: a bug-level dimension or filter, so a group's tests are those with matching bugs.
 */
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { StoreDialect } from '../store/migrations.js';
import type { AnalyticsTables } from '../store/tables.js';
import { BUG_STATUSES, SEVERITY_BUCKETS, type SeverityBucket } from '../../testio/services/bug-classify.js';
import { dimension, emptyCounts, isBugLevel, type DimensionName, type Expr, type GroupCounts, type Join, type Need } from './registry.js';

export type FilterValue = string | number;

export interface Scope {
  productIds?: readonly number[];
  testIds?: readonly number[];
  /** Test statuses. */
  testStatuses?: readonly string[];
  /** ISO 8601 UTC bounds on the test's start (inclusive). */
  start?: string;
  end?: string;
  filters?: Partial<Record<DimensionName, readonly FilterValue[]>>;
}

export type Key = string | number | null;

export interface Group {
  keys: Key[];
  labels: Array<string | null>;
  counts: GroupCounts;
}

export interface AggregateOptions {
  db: Kysely<AnalyticsTables>;
  dialect: StoreDialect;
  scope: Scope;
  dimensions: readonly DimensionName[];
  needs: ReadonlySet<Need>;
}

/** True when the groups' tests can only be those with matching bugs. */
export function isBugMode(scope: Scope, dimensions: readonly DimensionName[]): boolean {
  const filtered = Object.keys(scope.filters ?? {}) as DimensionName[];
  return [...dimensions, ...filtered].some(isBugLevel);
}

/** A registry expression, compiled for the store's dialect. */
const compiled = (expr: Expr, dialect: StoreDialect) => sql.raw(expr(dialect));

const inList = (expr: RawBuilder<unknown>, values: readonly FilterValue[]) => sql<boolean>`${expr} IN (${sql.join(values.map((v) => sql`${v}`))})`;

// Kysely's builder types cannot follow raw joins and selections; the queries are checked by tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyQuery = SelectQueryBuilder<any, any, any>;

function testScope(query: AnyQuery, scope: Scope): AnyQuery {
  let q = query;
  if (scope.productIds?.length) q = q.where(inList(sql.raw('t.product_id'), scope.productIds));
  if (scope.testIds?.length) q = q.where(inList(sql.raw('t.id'), scope.testIds));
  if (scope.testStatuses?.length) q = q.where(inList(sql.raw('t.status'), scope.testStatuses));
  if (scope.start) q = q.where(sql<boolean>`t.start_at >= ${scope.start}`);
  if (scope.end) q = q.where(sql<boolean>`t.start_at <= ${scope.end}`);
  return q;
}

function bugJoins(query: AnyQuery, joins: ReadonlySet<Join>): AnyQuery {
  let q = query;
  if (joins.has('products')) q = q.leftJoin('products as p', 'p.id', 't.product_id');
  if (joins.has('features')) q = q.leftJoin('features as f', 'f.id', 'b.feature_id');
  return q;
}

function bugBase(options: AggregateOptions): AnyQuery {
  const { db, dialect, scope, dimensions } = options;
  const joins = new Set(dimensions.flatMap((d) => dimension(d).bugJoins ?? []));
  let q: AnyQuery = bugJoins(db.selectFrom('bugs as b').innerJoin('tests as t', 't.id', 'b.test_id'), joins);
  q = testScope(q, scope);
  for (const [name, values] of Object.entries(scope.filters ?? {}) as Array<[DimensionName, FilterValue[]]>) {
    q = q.where(inList(compiled(dimension(name).bugKey, dialect), values));
  }
  return q;
}

function selectKeys(query: AnyQuery, options: AggregateOptions, grain: 'bug' | 'test'): AnyQuery {
  let q = query;
  options.dimensions.forEach((name, i) => {
    const spec = dimension(name);
    const key = compiled(grain === 'bug' ? spec.bugKey : spec.testKey!, options.dialect);
    const label = grain === 'bug' ? spec.bugLabel : spec.testLabel;
    q = q.select(key.as(`k${i}`)).groupBy(key);
    if (label) q = q.select(sql`max(${compiled(label, options.dialect)})`.as(`l${i}`));
  });
  return q;
}

type Row = Record<string, unknown>;

const keysOf = (row: Row, n: number): Key[] => Array.from({ length: n }, (_, i) => (row[`k${i}`] ?? null) as Key);
const num = (value: unknown) => Number(value ?? 0);

export async function aggregate(options: AggregateOptions): Promise<Group[]> {
  const { dialect, scope, dimensions, needs } = options;
  const n = dimensions.length;
  const bugMode = isBugMode(scope, dimensions);
  const groups = new Map<string, Group>();
  const groupOf = (row: Row): Group => {
    const keys = keysOf(row, n);
    const id = JSON.stringify(keys);
    let group = groups.get(id);
    if (!group) {
      group = { keys, labels: keys.map(() => null), counts: emptyCounts() };
      groups.set(id, group);
    }
    for (let i = 0; i < n; i += 1) if (row[`l${i}`] != null) group.labels[i] = String(row[`l${i}`]);
    return group;
  };

  const jobs: Array<Promise<void>> = [];
  if (needs.has('bugs')) {
    const severity = compiled(dimension('severity').bugKey, dialect);
    const q = selectKeys(bugBase(options), options, 'bug')
      .select([sql.raw('b.status').as('st'), severity.as('sev'), sql`count(*)`.as('n'), sql`sum(b.known)`.as('kn')])
      .groupBy([sql.raw('b.status'), severity]);
    jobs.push(
      q.execute().then((rows: Row[]) => {
        for (const row of rows) {
          const group = groupOf(row);
          const status = (BUG_STATUSES as readonly string[]).includes(String(row.st)) ? (row.st as keyof GroupCounts['bugs']) : 'forwarded';
          const sev = (SEVERITY_BUCKETS as readonly string[]).includes(String(row.sev)) ? (row.sev as SeverityBucket) : 'custom';
          group.counts.bugs[status][sev] += num(row.n);
          group.counts.known += num(row.kn);
        }
      }),
    );
  }
  const testFigures = needs.has('tests') || needs.has('features');
  if (needs.has('testers') || (bugMode && testFigures)) {
    const q = selectKeys(bugBase(options), options, 'bug').select([
      sql`count(distinct b.author)`.as('testers'),
      sql`count(distinct b.test_id)`.as('tests'),
      sql`count(distinct b.feature_id)`.as('features'),
    ]);
    jobs.push(
      q.execute().then((rows: Row[]) => {
        for (const row of rows) {
          const group = groupOf(row);
          group.counts.testers = num(row.testers);
          if (bugMode) {
            group.counts.tests = num(row.tests);
            group.counts.features = num(row.features);
          }
        }
      }),
    );
  }
  if (!bugMode && testFigures) jobs.push(testCounts(options).then((rows) => rows.forEach((row) => Object.assign(groupOf(row).counts, { tests: num(row.tests), features: num(row.features) }))));
  await Promise.all(jobs);
  return [...groups.values()];
}

async function testCounts(options: AggregateOptions): Promise<Row[]> {
  const { db, dialect, scope, dimensions } = options;
  const joins = new Set(dimensions.flatMap((d) => dimension(d).testJoins ?? []));
  let q: AnyQuery = db.selectFrom('tests as t');
  if (joins.has('products')) q = q.leftJoin('products as p', 'p.id', 't.product_id');
  // Features are counted through the test's feature links; the feature dimension groups by them.
  q = q.leftJoin('test_features as tf', 'tf.test_id', 't.id');
  q = testScope(q, scope);
  for (const [name, values] of Object.entries(scope.filters ?? {}) as Array<[DimensionName, FilterValue[]]>) {
    if (name === 'feature' && !dimensions.includes('feature')) {
      q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM test_features x WHERE x.test_id = t.id AND ${inList(sql.raw('x.feature_id'), values)})`);
    } else {
      q = q.where(inList(compiled(dimension(name).testKey!, dialect), values));
    }
  }
  q = selectKeys(q, options, 'test').select([sql`count(distinct t.id)`.as('tests'), sql`count(distinct tf.feature_id)`.as('features')]);
  return (await q.execute()) as Row[];
}
