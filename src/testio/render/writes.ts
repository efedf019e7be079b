/** The text of a write tool's answer: the summary, then what happened to each item. */
import type { BugWriteResult, TestWriteResult } from '../services/write-schemas.js';

const ICON: Record<string, string> = { confirmation_required: '⚠️', declined: '✋', cancelled: '✋', applied: '✅', partially_applied: '⚠️', failed: '❌', unchanged: 'ℹ️' };

export function renderBugWrite(out: BugWriteResult): string {
  const lines = [`${ICON[out.status] ?? ''} **${out.status.replace('_', ' ')}**`, '', out.summary];
  if (out.results && out.results.length > 0) {
    lines.push('', '### Results');
    for (const r of out.results) lines.push(r.ok && r.bug ? `- bug ${r.bug_id}: ${r.bug.status}${r.bug.known ? ', known' : ''}${r.bug.fixed ? ', fixed' : ''}${r.bug.export_status === 'exported' ? ', exported' : ''}` : `- bug ${r.bug_id}: failed — ${r.error ?? 'unknown error'}`);
  }
  return lines.join('\n');
}

export function renderTestWrite(out: TestWriteResult): string {
  const lines = [`${ICON[out.status] ?? ''} **${out.status.replace('_', ' ')}**`, '', out.summary];
  if (out.test) lines.push('', `Test ${out.test.id} "${out.test.title}" is now ${out.test.status} (${out.test.timeline.start_at ?? '—'} → ${out.test.timeline.end_at ?? '—'}).`);
  return lines.join('\n');
}
