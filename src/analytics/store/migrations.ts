/**
 * The analytics schema, as Kysely migrations: tables through the schema builder (the same in both
 * dialects), then the one dialect-specific piece, the full-text index: an FTS5 table kept in step
 * with `search_docs` by triggers on SQLite, a generated `tsvector` column with a GIN index on
 * PostgreSQL. Add a migration for every change; never edit one that has shipped.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { rebuildProductBugCounts } from './product-bug-counts.js';
import { rebuildTesterTests } from './tester-tests.js';
import { rebuildTesterWeeks } from './tester-weeks.js';
import type { StoreDb } from './write.js';

export type StoreDialect = 'sqlite' | 'postgres';

/** An auto-numbered key: SQLite's INTEGER PRIMARY KEY already is one; PostgreSQL needs an identity. */
const autoId = (dialect: StoreDialect) => (c: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity());

const tablesFor = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s.createTable('products').addColumn('id', 'bigint', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text').addColumn('description', 'text').execute();
    await s.createTable('sections').addColumn('id', 'bigint', (c) => c.primaryKey()).addColumn('product_id', 'bigint', (c) => c.notNull())
      .addColumn('name', 'text').execute();
    await s.createTable('features').addColumn('id', 'bigint', (c) => c.primaryKey()).addColumn('product_id', 'bigint', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull()).addColumn('description', 'text').addColumn('howtofind', 'text').execute();
    await s.createTable('user_stories').addColumn('feature_id', 'bigint', (c) => c.notNull()).addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('product_id', 'bigint', (c) => c.notNull()).addColumn('title', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_stories_pk', ['feature_id', 'position']).execute();
    await s.createTable('tests').addColumn('id', 'bigint', (c) => c.primaryKey()).addColumn('product_id', 'bigint', (c) => c.notNull())
      .addColumn('section_id', 'bigint').addColumn('title', 'text', (c) => c.notNull()).addColumn('status', 'text', (c) => c.notNull())
      .addColumn('testing_type', 'text').addColumn('start_at', 'text').addColumn('end_at', 'text').addColumn('created_by', 'text')
      .addColumn('submitted_by', 'text').addColumn('review_status', 'text').addColumn('environment_id', 'bigint')
      .addColumn('environment_title', 'text').addColumn('environment_url', 'text').addColumn('immutable', 'integer', (c) => c.notNull())
      .addColumn('synced_at', 'text', (c) => c.notNull()).execute();
    await s.createTable('test_features').addColumn('test_id', 'bigint', (c) => c.notNull()).addColumn('feature_id', 'bigint', (c) => c.notNull())
      .addColumn('product_id', 'bigint', (c) => c.notNull()).addColumn('title', 'text')
      .addPrimaryKeyConstraint('test_features_pk', ['test_id', 'feature_id']).execute();
    await s.createTable('test_platforms').addColumn('test_id', 'bigint', (c) => c.notNull()).addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('operating_system', 'text').addColumn('category', 'text')
      .addPrimaryKeyConstraint('test_platforms_pk', ['test_id', 'position']).execute();
    await s.createTable('bugs').addColumn('id', 'bigint', (c) => c.primaryKey()).addColumn('product_id', 'bigint', (c) => c.notNull())
      .addColumn('test_id', 'bigint', (c) => c.notNull()).addColumn('section_id', 'bigint').addColumn('feature_id', 'bigint')
      .addColumn('feature_title', 'text').addColumn('title', 'text', (c) => c.notNull()).addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('bug_type', 'text', (c) => c.notNull()).addColumn('status', 'text', (c) => c.notNull())
      .addColumn('known', 'integer', (c) => c.notNull()).addColumn('reject_reason', 'text').addColumn('author', 'text')
      .addColumn('language', 'text').addColumn('location', 'text').addColumn('reported_at', 'text').addColumn('exported_at', 'text').execute();
    await s.createTable('bug_devices').addColumn('bug_id', 'bigint', (c) => c.notNull()).addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('operating_system', 'text').addColumn('operating_system_version', 'text').addColumn('device', 'text')
      .addColumn('browsers', 'text').addColumn('category', 'text')
      .addPrimaryKeyConstraint('bug_devices_pk', ['bug_id', 'position']).execute();
    await s.createTable('users').addColumn('kind', 'text', (c) => c.notNull()).addColumn('name', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('users_pk', ['kind', 'name']).execute();
    await s.createTable('sync_state').addColumn('product_id', 'bigint', (c) => c.primaryKey()).addColumn('completed_at', 'text')
      .addColumn('last_sync_at', 'text', (c) => c.notNull()).addColumn('last_error', 'text').execute();
    await s.createTable('sync_failures').addColumn('id', 'integer', autoId(dialect))
      .addColumn('product_id', 'bigint', (c) => c.notNull()).addColumn('what', 'text', (c) => c.notNull())
      .addColumn('error', 'text', (c) => c.notNull()).addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('failed_at', 'text', (c) => c.notNull()).addColumn('resolved_at', 'text').execute();
    await s.createTable('search_docs').addColumn('id', 'integer', autoId(dialect))
      .addColumn('kind', 'text', (c) => c.notNull()).addColumn('entity_id', 'bigint', (c) => c.notNull())
      .addColumn('product_id', 'bigint', (c) => c.notNull()).addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull()).addUniqueConstraint('search_docs_entity', ['kind', 'entity_id']).execute();

    // The filters and groupings every list and summary uses.
    for (const [table, columns] of [
      ['sections', ['product_id']],
      ['features', ['product_id']],
      ['tests', ['product_id', 'start_at']],
      ['tests', ['status']],
      ['test_features', ['feature_id']],
      ['bugs', ['test_id']],
      ['bugs', ['product_id', 'reported_at']],
      ['bugs', ['feature_id']],
      ['bugs', ['author']],
      ['bugs', ['reported_at']],
    ] as const) {
      await s.createIndex(`${table}_${columns.join('_')}`).on(table).columns([...columns]).execute();
    }
  },
});

const sqliteSearch: Migration = {
  async up(db) {
    // External-content FTS5 over search_docs; unicode61 with '-' and '_' as token characters so
    // "login-page" is one word, as users type it.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_docs', content_rowid='id', tokenize="unicode61 tokenchars '-_'")`.execute(db);
    await sql`CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
      INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END`.execute(db);
    await sql`CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END`.execute(db);
    await sql`CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
      INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END`.execute(db);
  },
};

const postgresSearch: Migration = {
  async up(db) {
    await sql`ALTER TABLE search_docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS
      (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED`.execute(db);
    await sql`CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv)`.execute(db);
  },
};

/** What the sync needs to resume and to report: when each test's bugs were fetched, how far back a pass went. */
const syncProgress: Migration = {
  async up(db) {
    await db.schema.alterTable('tests').addColumn('bugs_synced_at', 'text').execute();
    await db.schema.alterTable('sync_state').addColumn('covered_since', 'text').execute();
    await db.schema.alterTable('sync_state').addColumn('last_duration_ms', 'integer').execute();
    await db.schema.createIndex('sync_failures_product_id').on('sync_failures').columns(['product_id', 'resolved_at']).execute();
  },
};

/**
 * What query_metrics and the quality report group by: every bug figure is one pass over
 * bugs(test_id, status, severity, known), read from this covering index after the tests of the
 * scope are found; a period without a product filter finds its tests by start date.
 */
const metricIndexes: Migration = {
  async up(db) {
    await db.schema.createIndex('bugs_test_status_severity').on('bugs').columns(['test_id', 'status', 'severity', 'known']).execute();
    await db.schema.createIndex('tests_start_at').on('tests').columns(['start_at']).execute();
  },
};

/**
 * Indexes for the read queries (found with EXPLAIN QUERY PLAN over every query of
 * bench/scenarios/analytics-queries.ts). Each bug index ends with the columns the bug summary groups
 * by (status, severity, known), so a summary over its leading columns reads the index alone, never
 * the table; where a list pages over the same rows, the id as well (the page's ids are chosen from
 * the index, then only those rows are read). The same DDL on both dialects: plain column lists,
 * and expression indexes for the default list_bugs order (COALESCE(reported_at, '') then id).
 */
const readIndexes: Migration = {
  async up(db) {
    const s = db.schema;
    for (const [name, table, columns] of [
      // "rejected critical" across products: the status and severity filters without a product.
      ['bugs_status_severity', 'bugs', ['status', 'severity', 'known', 'id']],
      // A product's summary (and its rejected bugs by reason) without touching the table.
      ['bugs_product_summary', 'bugs', ['product_id', 'status', 'severity', 'known', 'reject_reason']],
      // A tester: their summary, per product, their tests and first/last dates, in a period.
      ['bugs_author_summary', 'bugs', ['author', 'reported_at', 'status', 'severity', 'known', 'product_id', 'test_id', 'id']],
      // list_users (testers in a period): the period's bugs with what the grouping reads.
      ['bugs_reported_author', 'bugs', ['reported_at', 'author', 'status', 'product_id']],
      ['bugs_feature_summary', 'bugs', ['feature_id', 'status', 'severity', 'known']],
      // list_features: a product's tests per feature.
      ['test_features_product', 'test_features', ['product_id', 'feature_id']],
      // get_user_summary (customer): tests created or submitted by one user.
      ['tests_created_by', 'tests', ['created_by']],
      ['tests_submitted_by', 'tests', ['submitted_by']],
      // A user by name (its key starts with kind).
      ['users_name', 'users', ['name']],
    ] as const) {
      await s.createIndex(name).on(table).columns([...columns]).execute();
    }
    // list_bugs' default order (reported_at desc, id desc) within a product: the page is read in
    // index order and stops after the page, instead of sorting every bug of the product.
    await s.createIndex('bugs_product_reported_order').on('bugs').expression(sql`product_id, COALESCE(reported_at, ''), id`).execute();
    await s.createIndex('bugs_reported_order').on('bugs').expression(sql`COALESCE(reported_at, ''), id`).execute();
    // Both are now the leading columns of a wider index above: two fewer indexes for every bug written.
    await s.dropIndex('bugs_author').execute();
    await s.dropIndex('bugs_feature_id').execute();
  },
};

/**
 * tester_weeks (tester-weeks.ts): each tester's bug counts per product and week, so list_users
 * and get_user_summary read a few hundred rows instead of every bug of a period or a tester. Filled
 * from the bugs already stored; from here on every bug write keeps it exact in its own transaction.
 */
const testerWeeks: Migration = {
  async up(db) {
    const count = (c: ColumnDefinitionBuilder) => c.notNull();
    let table = db.schema.createTable('tester_weeks').addColumn('author', 'text', (c) => c.notNull())
      .addColumn('product_id', 'bigint', (c) => c.notNull()).addColumn('week', 'text', (c) => c.notNull());
    for (const column of ['bugs', 'accepted', 'auto_accepted', 'rejected', 'open', 'critical', 'high', 'low', 'visual', 'content', 'custom', 'known']) {
      table = table.addColumn(column, 'integer', count);
    }
    await table.addColumn('first_at', 'text').addColumn('last_at', 'text')
      .addPrimaryKeyConstraint('tester_weeks_pk', ['author', 'product_id', 'week']).execute();
    // list_users: every tester's whole weeks of a period, read from the index alone.
    await db.schema.createIndex('tester_weeks_activity').on('tester_weeks')
      .columns(['week', 'author', 'product_id', 'bugs', 'accepted', 'auto_accepted', 'first_at', 'last_at']).execute();
    await rebuildTesterWeeks(db as unknown as StoreDb);
  },
};

/** tester_tests (tester-tests.ts): a tester's tests counted from one row each, filled from the stored bugs. */
const testerTests: Migration = {
  async up(db) {
    await db.schema.createTable('tester_tests').addColumn('author', 'text', (c) => c.notNull())
      .addColumn('test_id', 'bigint', (c) => c.notNull()).addColumn('product_id', 'bigint', (c) => c.notNull())
      .addColumn('bugs', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('tester_tests_pk', ['author', 'test_id']).execute();
    // A test's rows are rebuilt by test id.
    await db.schema.createIndex('tester_tests_test').on('tester_tests').columns(['test_id']).execute();
    await rebuildTesterTests(db as unknown as StoreDb);
  },
};

/**
 * "Rejected critical across products" sorted by id (one status, one severity): with `known` between
 * severity and id, bugs_status_severity gave the 7,700 matching ids out of order, and SQLite sorted
 * them all (a temp B-tree, more than half the call) to keep 25. With id right after the equalities
 * the page is read in index order and stops after it; `known` stays in the index, so a `known`
 * filter is still checked without the table. The bug summary groups by (status, severity) alone
 * and sums `known` (bug-counts.ts), which this order serves without a sort as well.
 */
const statusSeverityOrder: Migration = {
  async up(db) {
    await db.schema.createIndex('bugs_status_severity_order').on('bugs').columns(['status', 'severity', 'id', 'known']).execute();
    await db.schema.dropIndex('bugs_status_severity').execute();
  },
};

/**
 * product_bug_counts (product-bug-counts.ts): bug summaries over product, status, severity, known
 * and reject reason read from a few dozen rows per product. No key: a reject reason may be null,
 * and rows are only ever rebuilt per product, never upserted. Filled from the stored bugs.
 */
const productBugCounts: Migration = {
  async up(db) {
    await db.schema.createTable('product_bug_counts').addColumn('product_id', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()).addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('known', 'integer', (c) => c.notNull()).addColumn('reject_reason', 'text')
      .addColumn('bugs', 'integer', (c) => c.notNull()).execute();
    // Rebuilt by product; a product's summary reads the index alone.
    await db.schema.createIndex('product_bug_counts_product').on('product_bug_counts')
      .columns(['product_id', 'status', 'severity', 'known', 'reject_reason', 'bugs']).execute();
    await rebuildProductBugCounts(db as unknown as StoreDb);
  },
};

export function migrationsFor(dialect: StoreDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_tables': tablesFor(dialect),
    '0002_search': dialect === 'sqlite' ? sqliteSearch : postgresSearch,
    '0003_sync_progress': syncProgress,
    '0004_metric_indexes': metricIndexes,
    '0005_read_indexes': readIndexes,
    '0006_tester_weeks': testerWeeks,
    '0007_tester_tests': testerTests,
    '0008_status_severity_order': statusSeverityOrder,
    '0009_product_bug_counts': productBugCounts,
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
