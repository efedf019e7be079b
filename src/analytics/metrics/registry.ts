/**
 * The metric and dimension registry: every figure query_metrics can compute and every way it can
 * group or filter, each with its exact definition. query_metrics validates against it, compiles
 * its SQL from it, and get_analytics_capabilities and testio://knowledge/metrics are written from
 * it, so the three can never disagree.
 *
 * Scope rule (one for every figure): a period selects the tests that *started* in it, and a bug
 * belongs to its test's period. So a figure over some tests equals generate_status_report over
 * the same tests. Rates come from the contract's bug arithmetic (summaryFromCounts in
 * src/testio/services/bug-classify.ts), computed from counts, never averaged.
 */
import type { StoreDialect } from '../store/migrations.js';
import { BUG_STATUSES, BUG_TYPES, SEVERITY_BUCKETS, summaryFromCounts, type SeverityBucket } from '../../testio/services/bug-classify.js';
import type { BugSummary } from '../../testio/services/schemas.js';
import { TEST_STATUSES } from '../../testio/services/test-list-service.js';

/**
 * An SQL expression as text, per dialect (aggregate.ts compiles it; kept as text so this registry
 * loads no Kysely). Table aliases: t tests, b bugs, p products, f features (of a bug),
 * tf test_features (of a test).
 */
export type Expr = (dialect: StoreDialect) => string;

export type DimensionKind = 'entity' | 'category' | 'time' | 'flag';

export interface DimensionSpec {
  name: string;
  label: string;
  definition: string;
  kind: DimensionKind;
  /** The closed set of values (filters are checked against it), when there is one. */
  values?: readonly string[];
  /** Known values of an open vocabulary (listed, not enforced). */
  examples?: readonly string[];
  /** Filter values are ids (numbers) rather than names. */
  numeric?: boolean;
  /** The group key over a bug row (b joined to t). */
  bugKey: Expr;
  /** The group key over a test row; absent for bug-level dimensions (they count tests with matching bugs). */
  testKey?: Expr;
  /** What a key reads as (aggregated with max()); the key itself when absent. */
  bugLabel?: Expr;
  testLabel?: Expr;
  /** Joins the key or label needs. */
  bugJoins?: readonly Join[];
  testJoins?: readonly Join[];
  /** How a null key reads. */
  nullLabel: string;
}

export type Join = 'products' | 'features' | 'test_features';

const raw = (text: string): Expr => () => text;

const severityKey = `CASE WHEN b.severity IN (${SEVERITY_BUCKETS.map((s) => `'${s}'`).join(', ')}) THEN b.severity ELSE 'custom' END`;

const week: Expr = (dialect) =>
  dialect === 'sqlite' ? `date(t.start_at, '-6 days', 'weekday 1')` : `to_char(date_trunc('week', cast(t.start_at as timestamp)), 'YYYY-MM-DD')`;
const quarter = `substr(t.start_at, 1, 4) || '-Q' || cast((cast(substr(t.start_at, 6, 2) as integer) + 2) / 3 as text)`;

export const DIMENSIONS = [
  {
    name: 'product',
    label: 'Product',
    definition: 'The product the test belongs to (filter by product id).',
    kind: 'entity',
    numeric: true,
    bugKey: raw('t.product_id'),
    testKey: raw('t.product_id'),
    bugLabel: raw('p.name'),
    testLabel: raw('p.name'),
    bugJoins: ['products'],
    testJoins: ['products'],
    nullLabel: '(no product)',
  },
  {
    name: 'feature',
    label: 'Feature',
    definition:
      'For bug figures the feature a bug was reported against ("(no feature)" when none); for test figures every feature a test covers (a test counts once in each of its features; tests without features under "(no feature)"). Filter by feature id.',
    kind: 'entity',
    numeric: true,
    bugKey: raw('b.feature_id'),
    testKey: raw('tf.feature_id'),
    bugLabel: raw('coalesce(f.title, b.feature_title)'),
    testLabel: raw('tf.title'),
    bugJoins: ['features'],
    testJoins: ['test_features'],
    nullLabel: '(no feature)',
  },
  {
    name: 'test',
    label: 'Test',
    definition: 'The test cycle itself (filter by test id).',
    kind: 'entity',
    numeric: true,
    bugKey: raw('t.id'),
    testKey: raw('t.id'),
    bugLabel: raw('t.title'),
    testLabel: raw('t.title'),
    nullLabel: '(no test)',
  },
  {
    name: 'tester',
    label: 'Tester',
    definition: 'The tester who reported the bug (its author). Bug-level.',
    kind: 'entity',
    bugKey: raw('b.author'),
    nullLabel: '(unknown tester)',
  },
  {
    name: 'severity',
    label: 'Severity',
    definition: 'The bug severity bucket: critical, high, low (functional bugs) or visual, content, custom (the API mixes type into severity; an unknown value counts as custom). Bug-level.',
    kind: 'category',
    values: SEVERITY_BUCKETS,
    bugKey: raw(severityKey),
    nullLabel: 'custom',
  },
  {
    name: 'status',
    label: 'Bug status',
    definition: 'The customer status of a bug: accepted (by a person), auto_accepted (accepted by TestIO after no review), rejected, forwarded (open, waiting for review). Bug-level.',
    kind: 'category',
    values: BUG_STATUSES,
    bugKey: raw('b.status'),
    nullLabel: 'forwarded',
  },
  {
    name: 'bug_type',
    label: 'Bug type',
    definition: 'functional (severity low, high or critical), visual, content or custom. Bug-level.',
    kind: 'category',
    values: BUG_TYPES,
    bugKey: raw('b.bug_type'),
    nullLabel: 'custom',
  },
  {
    name: 'testing_type',
    label: 'Testing type',
    definition: 'The test cycle type: coverage, usability, rapid or focused.',
    kind: 'category',
    examples: ['coverage', 'usability', 'rapid', 'focused'],
    bugKey: raw('t.testing_type'),
    testKey: raw('t.testing_type'),
    nullLabel: '(no testing type)',
  },
  {
    name: 'test_status',
    label: 'Test status',
    definition: 'The status of the test cycle: initialized, running, locked, customer_finalized, archived, cancelled.',
    kind: 'category',
    values: TEST_STATUSES,
    bugKey: raw('t.status'),
    testKey: raw('t.status'),
    nullLabel: '(no status)',
  },
  {
    name: 'platform',
    label: 'Platform',
    definition: "The operating system of the bug's first reported device (e.g. Android, iOS, Windows). Bug-level.",
    kind: 'category',
    examples: ['Android', 'iOS', 'Windows', 'macOS'],
    bugKey: raw('(SELECT d.operating_system FROM bug_devices d WHERE d.bug_id = b.id ORDER BY d.position LIMIT 1)'),
    nullLabel: '(no device)',
  },
  {
    name: 'month',
    label: 'Month',
    definition: 'The calendar month (UTC) the test started, as YYYY-MM; bugs count in their test\'s month.',
    kind: 'time',
    bugKey: raw('substr(t.start_at, 1, 7)'),
    testKey: raw('substr(t.start_at, 1, 7)'),
    nullLabel: '(no start date)',
  },
  {
    name: 'week',
    label: 'Week',
    definition: "The week (Monday to Sunday, UTC) the test started, named by its Monday as YYYY-MM-DD; bugs count in their test's week.",
    kind: 'time',
    bugKey: week,
    testKey: week,
    nullLabel: '(no start date)',
  },
  {
    name: 'quarter',
    label: 'Quarter',
    definition: "The calendar quarter (UTC) the test started, as YYYY-Qn; bugs count in their test's quarter.",
    kind: 'time',
    bugKey: raw(quarter),
    testKey: raw(quarter),
    nullLabel: '(no start date)',
  },
  {
    name: 'reject_reason',
    label: 'Reject reason',
    definition: 'Why a rejected bug was rejected (e.g. not_reproducible, intended_behavior); "(none)" for bugs that are not rejected. Bug-level.',
    kind: 'category',
    examples: ['device_not_relevant', 'ignored_instructions', 'intended_behavior', 'irrelevant', 'known_bug', 'not_reproducible', 'request_timeout'],
    bugKey: raw('b.reject_reason'),
    nullLabel: '(none)',
  },
  {
    name: 'known',
    label: 'Known bug',
    definition: 'Whether the bug was marked as known (true/false). Bug-level.',
    kind: 'flag',
    values: ['true', 'false'],
    bugKey: raw("CASE WHEN b.known = 1 THEN 'true' ELSE 'false' END"),
    nullLabel: 'false',
  },
] as const satisfies readonly DimensionSpec[];

export type DimensionName = (typeof DIMENSIONS)[number]['name'];
export const DIMENSION_NAMES = DIMENSIONS.map((d) => d.name) as [DimensionName, ...DimensionName[]];
export const dimension = (name: DimensionName): DimensionSpec => DIMENSIONS.find((d) => d.name === name)!;
export const isBugLevel = (name: DimensionName) => dimension(name).testKey === undefined;

/**
 * Severity weights of severity_score, over the six values the API really has. Functional bugs
 * weigh by severity; visual, content and custom bugs weigh like a low one. Rejected bugs are not
 * defects and weigh nothing.
 */
export const SEVERITY_WEIGHTS: Record<SeverityBucket, number> = { critical: 5, high: 3, low: 1, visual: 1, content: 1, custom: 1 };

/** What one group's figures are computed from (filled by the compiled queries). */
export interface GroupCounts {
  tests: number;
  features: number;
  testers: number;
  /** Bugs by status and severity bucket. */
  bugs: Record<(typeof BUG_STATUSES)[number], Record<SeverityBucket, number>>;
  known: number;
}

export function emptyCounts(): GroupCounts {
  const row = () => Object.fromEntries(SEVERITY_BUCKETS.map((s) => [s, 0])) as Record<SeverityBucket, number>;
  return { tests: 0, features: 0, testers: 0, known: 0, bugs: { accepted: row(), auto_accepted: row(), rejected: row(), forwarded: row() } };
}

/** The contract's bug summary of a group: the one place its rates come from. */
export function summaryOf(counts: GroupCounts): BugSummary {
  const sum = (status: keyof GroupCounts['bugs']) => SEVERITY_BUCKETS.reduce((n, s) => n + counts.bugs[status][s], 0);
  const bySeverity = Object.fromEntries(SEVERITY_BUCKETS.map((s) => [s, BUG_STATUSES.reduce((n, st) => n + counts.bugs[st][s], 0)])) as Record<SeverityBucket, number>;
  return summaryFromCounts(
    bySeverity,
    { accepted: sum('accepted'), auto_accepted: sum('auto_accepted'), rejected: sum('rejected'), open: sum('forwarded') },
    counts.known,
  );
}

export type MetricFormat = 'count' | 'ratio' | 'score';
/** Which aggregates a metric needs: the compiler runs only the queries that fill them. */
export type Need = 'tests' | 'features' | 'testers' | 'bugs';

export interface MetricSpec {
  name: string;
  label: string;
  definition: string;
  format: MetricFormat;
  needs: readonly Need[];
  compute(counts: GroupCounts, summary: BugSummary): number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1_000_000) / 1_000_000);

export const METRICS = [
  {
    name: 'test_count',
    label: 'Tests',
    definition: 'Tests that started in the range. With a bug-level dimension or filter: the tests that have matching bugs.',
    format: 'count',
    needs: ['tests'],
    compute: (c) => c.tests,
  },
  {
    name: 'bug_count',
    label: 'Bugs',
    definition: 'Bugs of those tests, every status included (with or without a feature).',
    format: 'count',
    needs: ['bugs'],
    compute: (_c, s) => s.total,
  },
  {
    name: 'bugs_per_test',
    label: 'Bugs per test',
    definition: 'bug_count / test_count; null when there are no tests.',
    format: 'score',
    needs: ['bugs', 'tests'],
    compute: (c, s) => ratio(s.total, c.tests),
  },
  {
    name: 'active_testers',
    label: 'Active testers',
    definition: 'Distinct testers who reported at least one of the bugs.',
    format: 'count',
    needs: ['testers'],
    compute: (c) => c.testers,
  },
  {
    name: 'features_tested',
    label: 'Features tested',
    definition: 'Distinct features the tests covered. With a bug-level dimension or filter: distinct features of the matching bugs.',
    format: 'count',
    needs: ['features'],
    compute: (c) => c.features,
  },
  {
    name: 'acceptance_rate',
    label: 'Acceptance rate',
    definition: '(accepted + auto_accepted) / bugs; null when there are no bugs.',
    format: 'ratio',
    needs: ['bugs'],
    compute: (_c, s) => s.rates.acceptance_rate,
  },
  {
    name: 'active_acceptance_rate',
    label: 'Active acceptance rate',
    definition: 'accepted by a person / bugs; null when there are no bugs.',
    format: 'ratio',
    needs: ['bugs'],
    compute: (_c, s) => s.rates.active_acceptance_rate,
  },
  {
    name: 'rejection_rate',
    label: 'Rejection rate',
    definition: 'rejected / bugs; null when there are no bugs.',
    format: 'ratio',
    needs: ['bugs'],
    compute: (_c, s) => s.rates.rejection_rate,
  },
  {
    name: 'auto_acceptance_rate',
    label: 'Auto-acceptance rate',
    definition: 'auto_accepted / (accepted + auto_accepted): the share of accepted bugs nobody reviewed; null when there are no bugs.',
    format: 'ratio',
    needs: ['bugs'],
    compute: (_c, s) => s.rates.auto_acceptance_rate,
  },
  {
    name: 'review_rate',
    label: 'Review rate',
    definition: '(accepted + rejected) / bugs: the share a person decided on; null when there are no bugs.',
    format: 'ratio',
    needs: ['bugs'],
    compute: (_c, s) => s.rates.review_rate,
  },
  {
    name: 'severity_score',
    label: 'Severity score',
    definition: `Sum of severity weights over the bugs that are not rejected: ${Object.entries(SEVERITY_WEIGHTS)
      .map(([s, w]) => `${s} ${w}`)
      .join(', ')}.`,
    format: 'score',
    needs: ['bugs'],
    compute: (c) =>
      (['accepted', 'auto_accepted', 'forwarded'] as const).reduce((n, st) => n + SEVERITY_BUCKETS.reduce((m, s) => m + c.bugs[st][s] * SEVERITY_WEIGHTS[s], 0), 0),
  },
] as const satisfies readonly MetricSpec[];

export type MetricName = (typeof METRICS)[number]['name'];
export const METRIC_NAMES = METRICS.map((m) => m.name) as [MetricName, ...MetricName[]];
export const metric = (name: MetricName): MetricSpec => METRICS.find((m) => m.name === name)!;

/** At most this many dimensions per query (a table stays readable, a chart drawable). */
export const MAX_DIMENSIONS = 2;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
