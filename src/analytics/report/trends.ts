/** The current period against the previous one of the same length: what changed, and whether for the better. */
import type { BugSummary } from '../../testio/services/schemas.js';
import type { Comparison } from './schema.js';

export interface PeriodFigures {
  tests: number;
  bugs: BugSummary;
  bugsPerTest: number | null;
}

/** 'lower' when a drop is an improvement, 'higher' when a rise is, null when neither. */
type Better = 'lower' | 'higher' | null;

const FIGURES: Array<[metric: string, label: string, better: Better, pick: (f: PeriodFigures) => number | null]> = [
  ['test_count', 'Tests', null, (f) => f.tests],
  ['bug_count', 'Bugs', null, (f) => f.bugs.total],
  ['critical_bugs', 'Critical bugs', 'lower', (f) => f.bugs.by_severity.critical],
  ['bugs_per_test', 'Bugs per test', null, (f) => f.bugsPerTest],
  ['acceptance_rate', 'Acceptance rate', null, (f) => f.bugs.rates.acceptance_rate],
  ['rejection_rate', 'Rejection rate', 'lower', (f) => f.bugs.rates.rejection_rate],
  ['auto_acceptance_rate', 'Auto-acceptance rate', 'lower', (f) => f.bugs.rates.auto_acceptance_rate],
  ['review_rate', 'Review rate', 'higher', (f) => f.bugs.rates.review_rate],
];

const round = (value: number) => Math.round(value * 1_000_000) / 1_000_000;

export function compare(current: PeriodFigures, previous: PeriodFigures): Comparison[] {
  return FIGURES.map(([metric, label, better, pick]) => {
    const now = pick(current);
    const before = pick(previous);
    if (now === null || before === null) return { metric, label, current: now, previous: before, change: null, direction: 'n/a', better: null };
    const change = round(now - before);
    const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'same';
    const improved = better === null || change === 0 ? null : better === 'lower' ? change < 0 : change > 0;
    return { metric, label, current: now, previous: before, change, direction, better: improved };
  });
}
