/**
 * accept_bug through a real client against the sandbox over HTTP: the token path (preview changes
 * nothing, the token applies once), bulk with partial failure and progress, cache invalidation,
 * bad ids, the audit line; and a client with elicitation that accepts, declines and cancels.
 */
import type { Harness } from '../../test/helpers/harness.js';
import { answer, auditLines, bugNow, forwardedBugs, startWriteHarness, type ElicitScript } from '../../test/testio-tools/write-harness.js';

describe('accept_bug without elicitation (preview and one-time token)', () => {
  let h: Harness;
  const taken = new Set<number>();
  beforeAll(async () => {
    h = await startWriteHarness();
  });
  afterAll(() => h.close());

  it('previews without changing anything, applies with the token, reads the bug back, and the token works once', async () => {
    const [bug] = forwardedBugs(h, 1, taken);
    const preview = await h.call('accept_bug', { bug_id: bug!.id });
    expect(preview.isError).toBeFalsy();
    const first = answer(preview);
    expect(first).toMatchObject({ status: 'confirmation_required', changes: [{ bug_id: bug!.id, from: 'forwarded', to: 'accepted' }], applied_count: 0 });
    expect(first.summary).toContain(bug!.title);
    expect(first.confirmation).toMatch(/^cfm_/);
    expect(h.text(preview)).toContain(first.confirmation);
    expect(bugNow(h, bug!.id).status).toBe('forwarded');

    const applied = answer(await h.call('accept_bug', { bug_id: String(bug!.id), confirmation: first.confirmation }));
    expect(applied).toMatchObject({ status: 'applied', applied_count: 1, failed_count: 0, results: [{ bug_id: bug!.id, ok: true, bug: { status: 'accepted' } }] });
    expect(bugNow(h, bug!.id).status).toBe('accepted');

    const reused = await h.call('accept_bug', { bug_id: bug!.id, confirmation: first.confirmation });
    expect(reused.isError).toBe(true);
    expect(h.text(reused)).toMatch(/confirmation.*unknown or was already used; nothing was changed/);

    const audit = auditLines(h).filter((line) => line.target === String(bug!.id));
    expect(audit).toEqual([expect.objectContaining({ level: 'info', tool: 'accept_bug', outcome: 'applied', caller: 'local', tenant: h.caller.tenantId })]);
    expect(h.logs()).not.toContain(first.confirmation);
  });

  it('refuses a token issued for other arguments or unknown, changing nothing', async () => {
    const [a, b] = forwardedBugs(h, 2, taken);
    const token = answer(await h.call('accept_bug', { bug_id: a!.id })).confirmation;
    const mismatched = await h.call('accept_bug', { bug_id: b!.id, confirmation: token });
    expect(mismatched.isError).toBe(true);
    expect(h.text(mismatched)).toMatch(/"confirmation".*issued for other arguments/s);
    const forged = await h.call('accept_bug', { bug_id: a!.id, confirmation: 'cfm_made_up' });
    expect(h.text(forged)).toMatch(/unknown or was already used/);
    expect([bugNow(h, a!.id).status, bugNow(h, b!.id).status]).toEqual(['forwarded', 'forwarded']);
    // The mismatch did not use the token up: with the right arguments it still applies.
    expect(answer(await h.call('accept_bug', { bug_id: a!.id, confirmation: token })).status).toBe('applied');
  });

  it('accepts a batch with one confirmation, reports each bug (some fail, the rest apply) and sends progress', async () => {
    const open = forwardedBugs(h, 3, taken);
    const accepted = h.sandbox!.data.bugs.find((b) => b.status === 'accepted')!;
    const ids = [open[0]!.id, accepted.id, 999_999_999, open[1]!.id, open[2]!.id];
    const preview = answer(await h.call('accept_bug', { bug_id: ids }));
    expect(preview.status).toBe('confirmation_required');
    expect(preview.changes!.map((c) => [c.bug_id, Boolean(c.problem)])).toEqual(ids.map((id) => [id, id === accepted.id || id === 999_999_999]));

    // Between preview and confirmation someone else accepts one of them: it is skipped, the rest apply.
    await fetch(`${h.sandbox!.baseUrl}/bugs/${open[1]!.id}/accept`, { method: 'PUT', headers: { Authorization: `Token ${h.sandbox!.token}` } });
    const progress: number[] = [];
    const done = answer(await h.call('accept_bug', { bug_id: ids, confirmation: preview.confirmation }, (p) => progress.push(p.progress)));
    expect(done.status).toBe('partially_applied');
    expect(done.results!.map((r) => [r.bug_id, r.ok])).toEqual([
      [open[0]!.id, true],
      [accepted.id, false],
      [999_999_999, false],
      [open[1]!.id, false],
      [open[2]!.id, true],
    ]);
    expect(done.results![3]!.error).toMatch(/it is accepted; only forwarded \(open\) bugs can be accepted/);
    expect(done.results![2]!.error).toMatch(/Bug 999999999 was not found/);
    expect([done.applied_count, done.failed_count]).toEqual([2, 3]);
    expect(progress).toEqual([1, 2]);
  });

  it('invalidates the cached bugs of the test, so a read tool shows the new status at once', async () => {
    const [bug] = forwardedBugs(h, 1, taken);
    const statusIn = async () => {
      const page = (await h.call('get_test_bugs', { test_id: bug!.test.id, page_size: 100 })).structuredContent as { bugs: Array<{ id: number; status: string }> };
      return page.bugs.find((b) => b.id === bug!.id)?.status;
    };
    expect(await statusIn()).toBe('forwarded');
    const token = answer(await h.call('accept_bug', { bug_id: bug!.id })).confirmation;
    await h.call('accept_bug', { bug_id: bug!.id, confirmation: token });
    expect(await statusIn()).toBe('accepted');
  });

  it('refuses bad ids naming bug_id: unknown, not forwarded, too many, not ids', async () => {
    const unknown = await h.call('accept_bug', { bug_id: 1 });
    expect(unknown.isError).toBe(true);
    expect(h.text(unknown)).toMatch(/bug_id.*bug 1: Bug 1 was not found/s);
    const accepted = h.sandbox!.data.bugs.find((b) => b.status === 'accepted')!;
    expect(h.text(await h.call('accept_bug', { bug_id: accepted.id }))).toMatch(/only forwarded \(open\) bugs can be accepted/);
    const tooMany = await h.call('accept_bug', { bug_id: Array.from({ length: 51 }, (_, i) => i + 1) });
    expect(h.text(tooMany)).toMatch(/bug_id.*at most 50/s);
    expect(h.text(await h.call('accept_bug', { bug_id: 'abc' }))).toMatch(/bug_id/);
  });
});

describe('accept_bug with a client that supports elicitation', () => {
  let h: Harness;
  const taken = new Set<number>();
  const script: ElicitScript = { next: { action: 'cancel' }, seen: [] };
  beforeAll(async () => {
    h = await startWriteHarness({ elicit: script });
  });
  afterAll(() => h.close());

  it('asks the user: accept + yes applies in one call, with no token', async () => {
    const [bug] = forwardedBugs(h, 1, taken);
    script.next = { action: 'accept', content: { confirm: true } };
    const out = answer(await h.call('accept_bug', { bug_id: bug!.id }));
    expect(out).toMatchObject({ status: 'applied', results: [{ ok: true, bug: { status: 'accepted' } }] });
    expect(out.confirmation).toBeUndefined();
    expect(script.seen.at(-1)!.params.message).toContain(`bug ${bug!.id}`);
    expect(script.seen.at(-1)!.params.message).toContain('forwarded → accepted');
    expect(bugNow(h, bug!.id).status).toBe('accepted');
  });

  it.each([
    ['declined', { action: 'decline' }],
    ['cancelled', { action: 'cancel' }],
    ['declined', { action: 'accept', content: { confirm: false } }],
  ] as const)('changes nothing when the user answers %s (%j)', async (status, reply) => {
    const [bug] = forwardedBugs(h, 1, taken);
    script.next = reply;
    const out = answer(await h.call('accept_bug', { bug_id: bug!.id }));
    expect(out).toMatchObject({ status, applied_count: 0 });
    expect(out.summary).toMatch(/nothing was changed/);
    expect(bugNow(h, bug!.id).status).toBe('forwarded');
    expect(auditLines(h).filter((l) => l.target === String(bug!.id)).map((l) => l.outcome)).toEqual([status]);
  });
});
