/**
 * The real-world corpus (bench/data/step-corpus.json) as a regression guard: every step with a
 * browser meaning is accepted, at least 85% of all are accepted, and at least 95% of the
 * accepted are read as meant.
 */
import { loadCorpus, scoreCorpus } from '../../bench/lib/step-corpus.js';

describe('step corpus', () => {
  const steps = loadCorpus(process.cwd());
  const score = scoreCorpus(steps);

  it('has at least 200 steps, each with its public source', () => {
    expect(steps.length).toBeGreaterThanOrEqual(200);
    for (const step of steps) expect(step.source.repository ?? step.source.url).toBeTruthy();
  });

  it('reads at least 95% of the accepted steps as meant', () => {
    expect(score.readAsMeant / score.accepted).toBeGreaterThanOrEqual(0.95);
    expect(score.meaningfulAccepted).toBe(score.meaningful);
  });

  it('accepts at least 85% of all steps without a model', () => {
    expect(score.accepted / score.total).toBeGreaterThanOrEqual(0.85);
  });
});
