/**
 * How long the sandbox takes to build its seeded data: every test and `--sandbox` start pays it.
 * Baseline: a structured clone of the same data, i.e. the cost of merely copying that many objects.
 */
import { generateSandboxData } from '../../src/sandbox/index.js';
import type { Row } from '../lib/report.js';
import { median } from '../lib/stats.js';

const NOW = new Date('2026-11-01T00:00:00Z');

export async function sandboxSeed(runs: number): Promise<Row[]> {
  const generate: number[] = [];
  const copy: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    const data = generateSandboxData(i, { now: NOW });
    generate.push(performance.now() - started);
    started = performance.now();
    structuredClone(data);
    copy.push(performance.now() - started);
  }
  const tests = generateSandboxData(0, { now: NOW });
  return [
    {
      section: 'sandbox',
      metric: `seed data (${tests.tests.length} tests, ${tests.bugs.length} bugs)`,
      value: median(generate),
      unit: 'ms',
      baseline: median(copy),
      baselineLabel: 'structuredClone of it',
      note: `median of ${runs} seeds in one process; the first run includes JIT warm-up`,
    },
  ];
}
