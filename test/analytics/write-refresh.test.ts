/**
 * A write refreshes the analytics store (TESTIO_CHANGED): through a real client against the sandbox,
 * accept_bug / reject_bug (elicitation accepted or declined) and launch_exploratory_test rewrite the
 * rows of what they changed in the caller's store, list_bugs shows the new status without a sync,
 * and a tenant that never synced gets no store at all.
 */
import { storeExists } from '../../src/analytics/store/location.js';
import { rollupsKeptAndRebuilt } from '../helpers/analytics-store.js';
import type { Harness } from '../helpers/harness.js';
import { answer, bugNow, forwardedBugs, startWriteHarness, type ElicitScript } from '../testio-tools/write-harness.js';

const CONFIRM = { action: 'accept', content: { confirm: true } } as const;

describe('a write refreshes the analytics store', () => {
  let h: Harness;
  const taken = new Set<number>();
  const script: ElicitScript = { next: CONFIRM, seen: [] };
  const where = () => ({ tenantId: h.caller.tenantId, dataDir: h.config.testioDataDir, databaseUrl: h.config.databaseUrl });
  const db = async () => (await (await h.context()).analytics.store()).db;
  const storedBug = async (id: number) => (await db()).selectFrom('bugs').select(['status', 'reject_reason']).where('id', '=', id).executeTakeFirst();
  const listed = async (bugId: number, testId: number) => {
    const result = await h.call('list_bugs', { test_ids: [testId], page_size: 100 });
    expect(result.isError).toBeFalsy();
    return (result.structuredContent as { bugs: Array<{ id: number; status: string }> }).bugs.find((b) => b.id === bugId)?.status;
  };

  beforeAll(async () => {
    h = await startWriteHarness({ elicit: script });
  });
  afterAll(() => h.close());

  it('creates no store for a tenant that never synced', async () => {
    const [bug] = forwardedBugs(h, 1, taken);
    expect(answer(await h.call('accept_bug', { bug_id: bug!.id })).status).toBe('applied');
    expect(bugNow(h, bug!.id).status).toBe('accepted');
    expect(await storeExists(where())).toBe(false);
    expect((await h.context()).analytics.isOpen()).toBe(false);
  });

  describe('once the product is synced', () => {
    let product: number;
    beforeAll(async () => {
      const [next] = h.sandbox!.data.bugs.filter((b) => b.status === 'forwarded' && !taken.has(b.id));
      product = next!.product.id;
      const result = await (await h.context()).analytics.sync({ productIds: [product] });
      expect(result.errors).toEqual([]);
    });
    const open = (count: number) => {
      const found = h.sandbox!.data.bugs.filter((b) => b.status === 'forwarded' && b.product.id === product && !taken.has(b.id)).slice(0, count);
      for (const bug of found) taken.add(bug.id);
      expect(found).toHaveLength(count);
      return found;
    };

    it('accept_bug: the bug row, list_bugs and the tester summary say accepted at once', async () => {
      const [bug] = open(1);
      const testerBugs = async () => {
        const result = await h.call('get_user_summary', { user: bug!.author.name });
        expect(result.isError).toBeFalsy();
        return (result.structuredContent as { as_tester: { bugs: { by_status: Record<string, number> } } }).as_tester.bugs.by_status;
      };
      const before = await testerBugs();
      expect(await storedBug(bug!.id)).toEqual({ status: 'forwarded', reject_reason: null });
      expect(answer(await h.call('accept_bug', { bug_id: bug!.id })).status).toBe('applied');
      expect(await storedBug(bug!.id)).toEqual({ status: 'accepted', reject_reason: null });
      expect(await listed(bug!.id, bug!.test.id)).toBe('accepted');
      // get_user_summary reads the tester_weeks and tester_tests rollups: the write kept them exact.
      expect(await testerBugs()).toEqual({ ...before, accepted: before.accepted! + 1, open: before.open! - 1 });
      const rollups = await rollupsKeptAndRebuilt(await db());
      expect(rollups.kept).toEqual(rollups.rebuilt);
    });

    it('reject_bug: declined leaves the row as it was, accepted rewrites it with the reason', async () => {
      const [bug] = open(1);
      const args = { bug_id: bug!.id, reason: 'not_reproducible', comment: 'Cannot reproduce on the stated device.' };
      script.next = { action: 'decline' };
      expect(answer(await h.call('reject_bug', args)).status).toBe('declined');
      expect(await storedBug(bug!.id)).toEqual({ status: 'forwarded', reject_reason: null });
      script.next = CONFIRM;
      expect(answer(await h.call('reject_bug', args)).status).toBe('applied');
      expect(await storedBug(bug!.id)).toEqual({ status: 'rejected', reject_reason: 'not_reproducible' });
      expect(await listed(bug!.id, bug!.test.id)).toBe('rejected');
    });

    it('a bulk accept rewrites every applied bug, and the next sync agrees', async () => {
      const bugs = open(2);
      expect(answer(await h.call('accept_bug', { bug_id: bugs.map((b) => b.id) })).applied_count).toBe(2);
      const rows = await Promise.all(bugs.map((b) => storedBug(b.id)));
      expect(rows.map((r) => r?.status)).toEqual(['accepted', 'accepted']);
      const result = await (await h.context()).analytics.sync({ productIds: [product] });
      expect(result.errors).toEqual([]);
      expect(await Promise.all(bugs.map((b) => storedBug(b.id)))).toEqual(rows);
      const rollups = await rollupsKeptAndRebuilt(await db());
      expect(rollups.kept).toEqual(rollups.rebuilt);
    });

    it('launch_exploratory_test: the test row says running', async () => {
      const test = h.sandbox!.data.tests.find((t) => t.product.id === product && t.status === 'initialized');
      if (!test) throw new Error(`product ${product} has no initialized test in the sandbox`);
      const stored = async () => (await db()).selectFrom('tests').select('status').where('id', '=', test.id).executeTakeFirst();
      expect(await stored()).toEqual({ status: 'initialized' });
      expect(answer(await h.call('launch_exploratory_test', { test_id: test.id })).status).toBe('applied');
      expect(await stored()).toEqual({ status: 'running' });
    });
  });
});
