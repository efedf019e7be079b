/** reject_bug through a real client against the sandbox: reasons from the API, both confirmation paths, bulk. */
import type { Harness } from '../../test/helpers/harness.js';
import { answer, bugNow, forwardedBugs, startWriteHarness, type ElicitScript } from '../../test/testio-tools/write-harness.js';

describe('reject_bug', () => {
  let h: Harness;
  const taken = new Set<number>();
  beforeAll(async () => {
    h = await startWriteHarness();
  });
  afterAll(() => h.close());

  it('refuses a reason that is not a reject reason, listing the valid ones from GET /bugs/reject_reasons', async () => {
    const [bug] = forwardedBugs(h, 1, taken);
    const wrong = await h.call('reject_bug', { bug_id: bug!.id, reason: 'duplicate', comment: 'Seen it.' });
    expect(wrong.isError).toBe(true);
    const text = h.text(wrong);
    expect(text).toMatch(/"reason" must be one of the reject reasons: /);
    for (const reason of h.sandbox!.data.reject_reasons) expect(text).toContain(reason.key);
    expect(text).toContain('(got "duplicate")');
    expect(h.text(await h.call('reject_bug', { bug_id: bug!.id, reason: 'irrelevant', comment: '  ' }))).toMatch(/comment/);
    expect(bugNow(h, bug!.id).status).toBe('forwarded');
  });

  it('rejects a batch after the token, with the reason and comment reaching TestIO', async () => {
    const bugs = forwardedBugs(h, 2, taken);
    const args = { bug_id: bugs.map((b) => b.id), reason: 'not_reproducible', comment: 'Tried on three devices.' };
    const preview = answer(await h.call('reject_bug', args));
    expect(preview.status).toBe('confirmation_required');
    expect(preview.summary).toContain('not_reproducible');
    expect(preview.changes!.map((c) => c.to)).toEqual(['rejected', 'rejected']);
    // The token is bound to the comment too.
    const otherComment = await h.call('reject_bug', { ...args, comment: 'Something else.', confirmation: preview.confirmation });
    expect(h.text(otherComment)).toMatch(/issued for other arguments/);
    const done = answer(await h.call('reject_bug', { ...args, confirmation: preview.confirmation }));
    expect(done).toMatchObject({ status: 'applied', applied_count: 2 });
    expect(done.results!.map((r) => r.bug!.reject_reason)).toEqual(['not_reproducible', 'not_reproducible']);
    for (const bug of bugs) expect(bugNow(h, bug.id)).toMatchObject({ status: 'rejected', reject_comment: 'Tried on three devices.' });
  });
});

describe('reject_bug with elicitation', () => {
  it('rejects when the user accepts, and not when they decline', async () => {
    const script: ElicitScript = { next: { action: 'decline' }, seen: [] };
    const h = await startWriteHarness({ elicit: script });
    try {
      const [a, b] = forwardedBugs(h, 2, new Set());
      expect(answer(await h.call('reject_bug', { bug_id: a!.id, reason: 'irrelevant', comment: 'Out of scope.' })).status).toBe('declined');
      expect(bugNow(h, a!.id).status).toBe('forwarded');
      script.next = { action: 'accept', content: { confirm: true } };
      expect(answer(await h.call('reject_bug', { bug_id: b!.id, reason: 'irrelevant', comment: 'Out of scope.' })).status).toBe('applied');
      expect(bugNow(h, b!.id).status).toBe('rejected');
      expect(script.seen.at(-1)!.params.message).toContain('reason irrelevant');
    } finally {
      await h.close();
    }
  });
});
