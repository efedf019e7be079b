/**
 * tester_tests: how many bugs each tester reported in each test, so get_user_summary counts a
 * tester's tests from about 4,500 rows instead of a distinct count over their 9,000 bugs (the
 * largest part of its time once tester_weeks gave it the counts). Like tester_weeks it is derived
 * data kept exact by recomputing: a test's rows are rebuilt from bugs in the transaction that wrote
 * its bugs (after lockBugWrites), for every author at once.
 */
import type { StoreDb } from './write.js';
import { chunks } from './write.js';

/** Rebuilds the rows of these tests from bugs (a test without bugs by an author has no row). */
export async function refreshTesterTests(db: StoreDb, testIds: Iterable<number>): Promise<void> {
  for (const part of chunks([...new Set(testIds)], 1_000)) {
    await db.deleteFrom('tester_tests').where('test_id', 'in', part).execute();
    await db
      .insertInto('tester_tests')
      .columns(['author', 'test_id', 'product_id', 'bugs'])
      .expression((eb) =>
        eb.selectFrom('bugs').where('test_id', 'in', part).where('author', 'is not', null)
          .select((s) => ['author', 'test_id', 'product_id', s.fn.countAll<number>().as('bugs')])
          .groupBy(['author', 'test_id', 'product_id']) as never,
      )
      .execute();
  }
}

/** Fills the table from every stored bug. */
export async function rebuildTesterTests(db: StoreDb): Promise<void> {
  await db.deleteFrom('tester_tests').execute();
  await db
    .insertInto('tester_tests')
    .columns(['author', 'test_id', 'product_id', 'bugs'])
    .expression((eb) =>
      eb.selectFrom('bugs').where('author', 'is not', null)
        .select((s) => ['author', 'test_id', 'product_id', s.fn.countAll<number>().as('bugs')])
        .groupBy(['author', 'test_id', 'product_id']) as never,
    )
    .execute();
}
