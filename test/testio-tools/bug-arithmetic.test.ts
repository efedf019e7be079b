import { bugStatus, bugType, mergeSummaries, severityBucket, summarizeBugs } from '../../src/testio/services/bug-classify.js';
import { pct } from '../../src/testio/render/format.js';
import { bug } from './fixtures.js';

describe('bug classification', () => {
  it('splits the overloaded severity field into type and severity', () => {
    expect(['low', 'high', 'critical', 'visual', 'content', 'custom'].map((s) => bugType(bug(1, s, 'accepted')))).toEqual([
      'functional', 'functional', 'functional', 'visual', 'content', 'custom',
    ]);
    expect(severityBucket(bug(1, 'CRITICAL', 'accepted'))).toBe('critical');
    expect(severityBucket(bug(1, 'something-new', 'accepted'))).toBe('custom');
  });

  it('puts every bug in exactly one status bucket', () => {
    expect(bugStatus(bug(1, 'low', 'accepted'))).toBe('accepted');
    expect(bugStatus(bug(1, 'low', 'accepted', { auto_accepted: true }))).toBe('auto_accepted');
    expect(bugStatus(bug(1, 'low', 'rejected'))).toBe('rejected');
    expect(bugStatus(bug(1, 'low', 'forwarded'))).toBe('forwarded');
    // auto_accepted only matters for accepted bugs.
    expect(bugStatus(bug(1, 'low', 'rejected', { auto_accepted: true }))).toBe('rejected');
  });
});

describe('summarizeBugs', () => {
  it('has null rates and no flag when there are no bugs', () => {
    const s = summarizeBugs([]);
    expect(s.total).toBe(0);
    expect(Object.values(s.rates)).toEqual([null, null, null, null, null]);
    expect(s.auto_acceptance_flag).toBe(false);
  });

  it('follows the contract arithmetic', () => {
    // 4 accepted (1 known), 2 auto-accepted, 3 rejected, 1 forwarded = 10
    const bugs = [
      bug(1, 'critical', 'accepted', { known: true }), bug(2, 'high', 'accepted'), bug(3, 'low', 'accepted'), bug(4, 'visual', 'accepted'),
      bug(5, 'content', 'accepted', { auto_accepted: true }), bug(6, 'custom', 'accepted', { auto_accepted: true }),
      bug(7, 'high', 'rejected'), bug(8, 'high', 'rejected'), bug(9, 'low', 'rejected'),
      bug(10, 'critical', 'forwarded'),
    ];
    const s = summarizeBugs(bugs);
    expect(s.total).toBe(10);
    expect(s.by_severity).toEqual({ critical: 2, high: 3, low: 2, visual: 1, content: 1, custom: 1 });
    expect(s.by_status).toEqual({ accepted: 4, auto_accepted: 2, rejected: 3, open: 1 });
    expect(s.total_accepted).toBe(6);
    expect(s.reviewed).toBe(7);
    expect(s.known).toBe(1);
    expect(s.rates).toEqual({ acceptance_rate: 0.6, active_acceptance_rate: 0.4, auto_acceptance_rate: 0.333333, rejection_rate: 0.3, review_rate: 0.7 });
    expect(s.auto_acceptance_flag).toBe(true); // 33% > 30%
  });

  it('keeps enough precision that a rounded percentage is right (28/52 is 53.8%, not 53.9%)', () => {
    const bugs = [...Array(52)].map((_, i) => bug(i + 1, 'low', i < 28 ? 'accepted' : 'rejected'));
    expect(summarizeBugs(bugs).rates.acceptance_rate).toBe(0.538462);
    expect(pct(summarizeBugs(bugs).rates.acceptance_rate)).toBe('53.8%');
  });

  it('does not flag exactly 30%, and has a null auto-acceptance rate when nothing is accepted', () => {
    const thirty = [...Array(7)].map((_, i) => bug(i, 'low', 'accepted')).concat([0, 1, 2].map((i) => bug(100 + i, 'low', 'accepted', { auto_accepted: true })));
    expect(summarizeBugs(thirty).rates.auto_acceptance_rate).toBe(0.3);
    expect(summarizeBugs(thirty).auto_acceptance_flag).toBe(false);
    const rejectedOnly = summarizeBugs([bug(1, 'low', 'rejected')]);
    expect(rejectedOnly.rates.auto_acceptance_rate).toBeNull();
    expect(rejectedOnly.rates.rejection_rate).toBe(1);
  });

  it('rolls summaries up from counts, not by averaging rates', () => {
    const a = summarizeBugs([bug(1, 'low', 'accepted')]);
    const b = summarizeBugs([bug(2, 'low', 'rejected'), bug(3, 'low', 'rejected'), bug(4, 'low', 'rejected')]);
    const m = mergeSummaries([a, b]);
    expect(m.total).toBe(4);
    expect(m.rates.acceptance_rate).toBe(0.25);
    expect(mergeSummaries([]).rates.acceptance_rate).toBeNull();
  });
});
