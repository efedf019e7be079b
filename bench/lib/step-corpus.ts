/**
 * Scores the step grammar against bench/data/step-corpus.json: how many real-world steps are
 * accepted at creation (no model), and how many of the accepted are read as meant (each expected
 * action's fields found in the reading, in order). A step expected to be refused but accepted
 * counts as misread.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isProblem, readStep } from '../../src/testr/engine/grammar/read.js';

export interface CorpusStep {
  text: string;
  source: { repository?: string; path?: string | null; url?: string };
  expect: Array<Record<string, unknown>> | null;
}

export interface CorpusScore {
  total: number;
  accepted: number;
  readAsMeant: number;
  /** Steps with a browser meaning (expect not null), and how many of them were accepted. */
  meaningful: number;
  meaningfulAccepted: number;
  misread: Array<{ text: string; readings: string[] }>;
}

export function loadCorpus(root: string): CorpusStep[] {
  const file = path.join(root, 'bench', 'data', 'step-corpus.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { steps: CorpusStep[] }).steps;
}

/** Every field of `want` is in `got` (recursively). */
function contains(got: unknown, want: unknown): boolean {
  if (want === null || typeof want !== 'object') return typeof want === 'string' && typeof got === 'string' ? got.toLowerCase() === want.toLowerCase() : got === want;
  if (typeof got !== 'object' || got === null) return false;
  return Object.entries(want as Record<string, unknown>).every(([k, v]) => contains((got as Record<string, unknown>)[k], v));
}

export function scoreCorpus(steps: CorpusStep[]): CorpusScore {
  const score: CorpusScore = { total: steps.length, accepted: 0, readAsMeant: 0, meaningful: 0, meaningfulAccepted: 0, misread: [] };
  for (const step of steps) {
    const r = readStep(step.text, 1);
    if (step.expect) score.meaningful++;
    if (isProblem(r)) continue;
    score.accepted++;
    if (step.expect) score.meaningfulAccepted++;
    const ok = step.expect !== null && step.expect.length === r.actions.length && step.expect.every((want, i) => contains(r.actions[i], want));
    if (ok) score.readAsMeant++;
    else score.misread.push({ text: step.text, readings: r.readings });
  }
  return score;
}
