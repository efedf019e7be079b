/**
 * accept_bug, reject_bug, mark_bug_known / _fixed / _exported: read each bug as it stands, show what
 * will change, ask (ctx.confirmation), apply, and answer with each bug read back from the API.
 * Bulk accept/reject: one confirmation for the batch, progress per bug, a result per bug (one may
 * fail while the rest apply).
 */
import { UserInputError } from '../../platform/errors.js';
import type { Bug } from '../data/schemas.js';
import type { BugAction, TestioWriteApi } from '../data/write-api.js';
import type { AnnounceChange } from '../data/write-events.js';
import { auditNotConfirmed, failureText, notConfirmed, type WriteCall } from './write-call.js';
import type { BugChange, BugResult, BugState, BugWriteResult } from './write-schemas.js';

/** Bugs per accept_bug / reject_bug call. */
export const MAX_BULK_BUGS = 50;

export type BugMark = 'known' | 'fixed' | 'exported';

const MARKS: Record<BugMark, { action: BugAction; isSet: (bug: Bug) => boolean; from: (bug: Bug) => string; to: string; verb: string }> = {
  known: { action: 'mark_as_known', isSet: (bug) => bug.known === true, from: () => 'not known', to: 'known', verb: 'Mark as known' },
  fixed: { action: 'mark_as_fixed', isSet: (bug) => bug.fixed === true, from: () => 'not fixed', to: 'fixed', verb: 'Mark as fixed' },
  exported: {
    action: 'mark_as_exported',
    isSet: (bug) => bug.export_status === 'exported',
    from: (bug) => (typeof bug.export_status === 'string' ? bug.export_status : 'not exported'),
    to: 'exported',
    verb: 'Mark as exported',
  },
};

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function bugState(bug: Bug): BugState {
  return {
    id: bug.id,
    title: bug.title ?? null,
    status: bug.status,
    known: bug.known === true,
    fixed: bug.fixed === true,
    export_status: str(bug.export_status),
    exported_at: bug.exported_at ?? null,
    reject_reason: str(bug.reject_reason),
    test_id: bug.test?.id ?? null,
  };
}

const line = (change: BugChange) => `- bug ${change.bug_id}${change.title ? ` "${change.title}"` : ''}: ${change.problem ? `skipped (${change.problem})` : `${change.from} → ${change.to}`}`;

interface Planned {
  change: BugChange;
  bug?: Bug;
}

export class BugReviewService {
  private readonly writes: TestioWriteApi;
  private readonly announce: AnnounceChange;

  constructor({ testioWrites, announceChange }: { testioWrites: TestioWriteApi; announceChange: AnnounceChange }) {
    this.writes = testioWrites;
    this.announce = announceChange;
  }

  accept(bugIds: readonly number[], call: WriteCall): Promise<BugWriteResult> {
    return this.review(bugIds, 'accept', undefined, call);
  }

  async reject(bugIds: readonly number[], reason: string, comment: string, call: WriteCall): Promise<BugWriteResult> {
    await call.checked;
    const reasons = await this.writes.rejectReasons(call.signal);
    if (!reasons.some((r) => r.key === reason)) {
      const valid = reasons.map((r) => (r.name ? `${r.key} (${r.name})` : r.key)).join(', ');
      throw new UserInputError('reason', `"reason" must be one of the reject reasons: ${valid} (got "${reason}").`, 'Pick the key that fits, e.g. "not_reproducible".');
    }
    return this.review(bugIds, 'reject', { reason, comment }, call);
  }

  async mark(bugId: number, mark: BugMark, call: WriteCall): Promise<BugWriteResult> {
    await call.checked;
    const spec = MARKS[mark];
    const bug = await this.writes.getBug(bugId, call.signal);
    const change: BugChange = { bug_id: bug.id, title: bug.title ?? null, from: spec.from(bug), to: spec.to };
    if (spec.isSet(bug)) {
      return { status: 'unchanged', summary: `Bug ${bug.id} is already ${spec.to}: nothing to change.`, changes: [{ ...change, from: spec.to }], results: [{ bug_id: bug.id, ok: true, bug: bugState(bug) }], applied_count: 0, failed_count: 0 };
    }
    return this.apply([{ change, bug }], spec.action, undefined, `${spec.verb} (cannot be undone through the API):`, call);
  }

  private async review(bugIds: readonly number[], action: 'accept' | 'reject', body: Record<string, unknown> | undefined, call: WriteCall): Promise<BugWriteResult> {
    await call.checked;
    const ids = [...new Set(bugIds)];
    if (ids.length > MAX_BULK_BUGS) throw new UserInputError('bug_id', `"bug_id" takes at most ${MAX_BULK_BUGS} ids (got ${ids.length}).`, 'Split the batch.');
    const to = action === 'accept' ? 'accepted' : 'rejected';
    const found = await Promise.all(ids.map((id) => this.writes.getBug(id, call.signal).then((bug) => ({ id, bug }), (error: unknown) => ({ id, error }))));
    const planned: Planned[] = found.map((item) => {
      if (!('bug' in item)) return { change: { bug_id: item.id, title: null, from: null, to, problem: failureText(item.error) } };
      const { bug } = item;
      const change: BugChange = { bug_id: bug.id, title: bug.title ?? null, from: bug.status, to };
      if (bug.status !== 'forwarded') change.problem = `it is ${bug.status}; only forwarded (open) bugs can be ${to}`;
      return { change, bug };
    });
    if (planned.every((p) => p.change.problem)) {
      throw new UserInputError('bug_id', `No bug of "bug_id" can be ${to}: ${planned.map((p) => `bug ${p.change.bug_id}: ${p.change.problem}`).join('; ')}.`, 'Find open bugs with get_test_bugs and status "forwarded".');
    }
    const detail = action === 'reject' ? ` (reason ${String(body?.reason)}: "${String(body?.comment)}")` : '';
    const count = planned.filter((p) => !p.change.problem).length;
    return this.apply(planned, action, body, `${action === 'accept' ? 'Accept' : 'Reject'} ${count} bug${count === 1 ? '' : 's'}${detail}; this cannot be undone through the API:`, call);
  }

  /** Confirmation, then each applicable change in turn with progress, each bug read back. */
  private async apply(planned: Planned[], action: BugAction, body: Record<string, unknown> | undefined, heading: string, call: WriteCall): Promise<BugWriteResult> {
    const changes = planned.map((p) => p.change);
    const summary = [heading, ...changes.map(line)].join('\n');
    const todo = planned.filter((p) => !p.change.problem && p.bug);
    const decision = await call.confirmation.confirm({ args: call.args, token: call.token, summary });
    if (decision.outcome !== 'confirmed') {
      auditNotConfirmed(call, decision, todo.map((p) => p.change.bug_id));
      return { ...notConfirmed(decision, summary), changes, applied_count: 0, failed_count: 0 };
    }
    const results: BugResult[] = planned.filter((p) => p.change.problem).map((p) => ({ bug_id: p.change.bug_id, ok: false, error: p.change.problem }));
    let done = 0;
    for (const { bug } of todo) {
      const target = bug!;
      try {
        await this.writes.changeBug(target, action, body, call.signal);
        const now = await this.writes.getBug(target.id, call.signal);
        results.push({ bug_id: target.id, ok: true, bug: bugState(now) });
        call.confirmation.audit({ target: target.id, outcome: 'applied' });
        await this.announce({ kind: 'bug', bug: now });
      } catch (error) {
        if (call.signal.aborted) throw error;
        results.push({ bug_id: target.id, ok: false, error: failureText(error) });
        call.confirmation.audit({ target: target.id, outcome: 'failed', detail: failureText(error).slice(0, 200) });
      }
      done += 1;
      await call.progress(done, todo.length, `bug ${target.id}: ${results.at(-1)!.ok ? 'done' : 'failed'}`);
    }
    results.sort((a, b) => changes.findIndex((c) => c.bug_id === a.bug_id) - changes.findIndex((c) => c.bug_id === b.bug_id));
    const applied = results.filter((r) => r.ok).length;
    const failed = results.length - applied;
    const status = failed === 0 ? 'applied' : applied === 0 ? 'failed' : 'partially_applied';
    return { status, summary: `${summary}\n${applied} applied, ${failed} failed.`, changes, results, applied_count: applied, failed_count: failed };
  }
}
