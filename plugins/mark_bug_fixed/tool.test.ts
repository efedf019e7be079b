/** mark_bug_fixed through a real client against the sandbox: token path, elicitation, already marked, bad id. */
import type { Harness } from '../../test/helpers/harness.js';
import { answer, bugNow, startWriteHarness, type ElicitScript } from '../../test/testio-tools/write-harness.js';

describe('mark_bug_fixed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWriteHarness();
  });
  afterAll(() => h.close());

  it('previews, marks with the token, reads the bug back; a marked bug is unchanged without asking', async () => {
    const bug = h.sandbox!.data.bugs.find((b) => !b.fixed)!;
    const before = JSON.stringify(bugNow(h, bug.id));
    const preview = answer(await h.call('mark_bug_fixed', { bug_id: bug.id }));
    expect(preview).toMatchObject({ status: 'confirmation_required', changes: [{ bug_id: bug.id, to: 'fixed' }] });
    expect(JSON.stringify(bugNow(h, bug.id))).toBe(before);
    const done = answer(await h.call('mark_bug_fixed', { bug_id: bug.id, confirmation: preview.confirmation }));
    expect(done).toMatchObject({ status: 'applied', results: [{ bug_id: bug.id, ok: true }] });
    expect(bugNow(h, bug.id).fixed).toBe(true);
    const again = answer(await h.call('mark_bug_fixed', { bug_id: bug.id }));
    expect(again).toMatchObject({ status: 'unchanged', applied_count: 0 });
    expect(again.confirmation).toBeUndefined();
  });

  it('names bug_id for an unknown bug', async () => {
    const result = await h.call('mark_bug_fixed', { bug_id: 1 });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/Bug 1 was not found/);
  });
});

describe('mark_bug_fixed with elicitation', () => {
  it('marks when the user accepts', async () => {
    const script: ElicitScript = { next: { action: 'accept', content: { confirm: true } }, seen: [] };
    const h = await startWriteHarness({ elicit: script });
    try {
      const bug = h.sandbox!.data.bugs.find((b) => !b.fixed)!;
      expect(answer(await h.call('mark_bug_fixed', { bug_id: bug.id })).status).toBe('applied');
      expect(bugNow(h, bug.id).fixed).toBe(true);
      expect(script.seen).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
