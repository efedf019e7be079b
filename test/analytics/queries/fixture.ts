/**
 * Stores for the query tests: a SQLite file in a temp dir and, with TEST_DATABASE_URL, a
 * PostgreSQL schema whose name says "atools"; rows are written through Kysely directly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import fc from 'fast-check';
import { openStore, type AnalyticsStore } from '../../../src/analytics/store/open-store.js';
import type { BugsTable, TestsTable } from '../../../src/analytics/store/tables.js';
import { rebuildProductBugCounts } from '../../../src/analytics/store/product-bug-counts.js';
import { rebuildTesterTests } from '../../../src/analytics/store/tester-tests.js';
import { rebuildTesterWeeks } from '../../../src/analytics/store/tester-weeks.js';
import { bugType } from '../../../src/testio/services/bug-classify.js';
import { databaseUrl } from '../../helpers/services.js';

export interface Dialects {
  name: 'sqlite' | 'postgres';
  open(): Promise<AnalyticsStore>;
  drop(store: AnalyticsStore): Promise<void>;
}

export function dialects(): Dialects[] {
  const list: Dialects[] = [
    {
      name: 'sqlite',
      open: async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'atools-queries-'));
        const store = await openStore({ tenantId: `atools${randomBytes(6).toString('hex')}`, dataDir: dir });
        return Object.assign(store, { close: async () => { await store.db.destroy(); rmSync(dir, { recursive: true, force: true }); } });
      },
      drop: (store) => store.close(),
    },
  ];
  const url = process.env.TEST_DATABASE_URL ? databaseUrl() : undefined;
  if (url) {
    list.push({
      name: 'postgres',
      open: () => openStore({ tenantId: `atools${randomBytes(6).toString('hex')}`, dataDir: '/nonexistent', databaseUrl: url }),
      drop: async (store) => {
        await sql`DROP SCHEMA IF EXISTS ${sql.id(`testio_${store.tenantId}`)} CASCADE`.execute(store.db);
        await store.close();
      },
    });
  }
  return list;
}

export const NOW = '2026-12-01T00:00:00.000Z';
export const SEVERITIES = ['critical', 'high', 'low', 'visual', 'content', 'custom'] as const;
export const STATUSES = ['accepted', 'auto_accepted', 'rejected', 'forwarded'] as const;
export const REASONS = ['not_reproducible', 'intended_behavior', 'known_bug'] as const;
export const AUTHORS = ['ana', 'ben', 'chen', 'dora'] as const;

/** Two synced products (1, 2) and one never synced (3); product 1 has features 11, 12; 2 has 21. */
export interface World {
  tests: TestsTable[];
  bugs: BugsTable[];
  testFeatures: Array<{ test_id: number; feature_id: number }>;
}

const FEATURES = [
  { id: 11, product_id: 1, title: 'Login page' },
  { id: 12, product_id: 1, title: 'Checkout' },
  { id: 21, product_id: 2, title: 'Search' },
];

const testArb = (id: number) =>
  fc.record({
    product_id: fc.constantFrom(1, 2),
    status: fc.constantFrom('running', 'locked', 'archived', 'cancelled'),
    day: fc.integer({ min: 0, max: 300 }),
    created_by: fc.constantFrom('cora', 'cyd', null),
    submitted_by: fc.constantFrom('cora', 'cyd', null),
    features: fc.subarray([11, 12, 21]),
  }).map((t): { test: TestsTable; features: number[] } => ({
    test: {
      id, product_id: t.product_id, section_id: null, title: `Test ${id}`, status: t.status, testing_type: 'coverage',
      start_at: new Date(Date.UTC(2026, 0, 1) + t.day * 86_400_000).toISOString(), end_at: null,
      created_by: t.created_by, submitted_by: t.submitted_by, review_status: null, environment_id: null,
      environment_title: null, environment_url: null, immutable: 0, synced_at: NOW,
    } as TestsTable,
    // Features of the test's own product only.
    features: t.features.filter((f) => FEATURES.find((x) => x.id === f)!.product_id === t.product_id),
  }));

const bugArb = fc.record({
  severity: fc.constantFrom(...SEVERITIES),
  status: fc.constantFrom(...STATUSES),
  known: fc.boolean(),
  reason: fc.constantFrom(...REASONS),
  author: fc.constantFrom(...AUTHORS, null),
  withFeature: fc.boolean(),
  day: fc.option(fc.integer({ min: 0, max: 330 }), { nil: null }),
});

export const worldArb = (minBugs = 0): fc.Arbitrary<World> => fc
  .integer({ min: minBugs > 0 ? 5 : 1, max: 12 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => testArb(100 + i))))
  .chain((tests) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: tests.length - 1 }), bugArb), { minLength: minBugs, maxLength: 60, size: 'medium' }).map((specs) => {
      const bugs = specs.map(([t, b], i): BugsTable => {
        const test = tests[t]!.test;
        const features = FEATURES.filter((f) => f.product_id === test.product_id);
        const feature = b.withFeature ? features[i % features.length]! : null;
        return {
          id: 1000 + i, product_id: test.product_id, test_id: test.id, section_id: null,
          feature_id: feature?.id ?? null, feature_title: feature?.title ?? null, title: `Bug ${i} on login-page`,
          severity: b.severity, bug_type: bugType({ severity: b.severity }), status: b.status, known: b.known ? 1 : 0,
          reject_reason: b.status === 'rejected' ? b.reason : null, author: b.author, language: 'en', location: null,
          reported_at: b.day === null ? null : new Date(Date.UTC(2026, 0, 1) + b.day * 86_400_000 + i * 1000).toISOString(), exported_at: null,
        };
      });
      return {
        tests: tests.map((t) => t.test),
        bugs,
        testFeatures: tests.flatMap((t) => t.features.map((f) => ({ test_id: t.test.id, feature_id: f }))),
      };
    }),
  );

/** Empties the store and writes the world (products, sync state, features, stories, tests, bugs, devices, users, search docs). */
export async function writeWorld(store: AnalyticsStore, world: World): Promise<void> {
  const db = store.db;
  for (const table of ['products', 'sync_state', 'features', 'user_stories', 'tests', 'test_features', 'bugs', 'bug_devices', 'users', 'search_docs', 'tester_weeks', 'tester_tests', 'product_bug_counts'] as const) {
    await db.deleteFrom(table).execute();
  }
  await db.insertInto('products').values([
    { id: 1, name: 'Web shop', type: 'website', description: 'The shop' },
    { id: 2, name: 'Mobile app', type: 'mobile_app_ios', description: null },
    { id: 3, name: 'Never synced', type: 'website', description: null },
  ]).execute();
  await db.insertInto('sync_state').values([
    { product_id: 1, completed_at: NOW, last_sync_at: NOW, last_error: null },
    { product_id: 2, completed_at: NOW, last_sync_at: NOW, last_error: null },
  ] as never).execute();
  await db.insertInto('features').values(FEATURES.map((f) => ({ ...f, description: null, howtofind: null }))).execute();
  await db.insertInto('user_stories').values([
    { feature_id: 11, position: 0, product_id: 1, title: 'As a user I log in' },
    { feature_id: 11, position: 1, product_id: 1, title: 'As a user I reset my password' },
  ]).execute();
  if (world.tests.length) await db.insertInto('tests').values(world.tests as never).execute();
  const productOf = new Map(world.tests.map((t) => [t.id, t.product_id]));
  if (world.testFeatures.length) {
    await db.insertInto('test_features').values(world.testFeatures.map((l) => ({ ...l, product_id: productOf.get(l.test_id)!, title: null }))).execute();
  }
  if (world.bugs.length) {
    await db.insertInto('bugs').values(world.bugs).execute();
    await db.insertInto('bug_devices').values(world.bugs.map((b) => ({
      bug_id: b.id, position: 0, operating_system: 'iOS', operating_system_version: '17.2', device: 'iPhone 15', browsers: 'Safari', category: null,
    }))).execute();
  }
  const users = new Map<string, { kind: string; name: string }>();
  for (const t of world.tests) for (const who of [t.created_by, t.submitted_by]) if (who) users.set(`c${who}`, { kind: 'customer', name: who });
  for (const b of world.bugs) if (b.author) users.set(`t${b.author}`, { kind: 'tester', name: b.author });
  if (users.size) await db.insertInto('users').values([...users.values()]).execute();
  // The rows went in around the store's writers, so the rollups they keep are built here.
  await rebuildTesterWeeks(db);
  await rebuildTesterTests(db);
  await rebuildProductBugCounts(db);
}
