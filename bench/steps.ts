/**
 * `npm run bench:steps`: the step grammar against the real-world corpus in
 * bench/data/step-corpus.json (each step's public source recorded there). Prints acceptance at
 * creation (no model) and read-as-meant, beside the targets, and lists the misread steps.
 */
import path from 'node:path';
import { loadCorpus, scoreCorpus } from './lib/step-corpus.js';

// Compiled to dist/bench/steps.js: the repository is two folders up.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

const score = scoreCorpus(loadCorpus(ROOT));
const lines = [
  `Steps in the corpus: ${score.total} (${score.meaningful} say what to do on the page; ${score.total - score.meaningful} need application knowledge or are too vague)`,
  `Accepted at creation, no model: ${score.accepted} = ${pct(score.accepted, score.total)} of all (target >= 85%); ${pct(score.meaningfulAccepted, score.meaningful)} of the steps with a browser meaning`,
  `Read as meant: ${score.readAsMeant} = ${pct(score.readAsMeant, score.accepted)} of the accepted (target >= 95%)`,
  ...score.misread.map((m) => `  misread: ${m.text} → ${m.readings.join('; ')}`),
];
process.stdout.write(`${lines.join('\n')}\n`);
