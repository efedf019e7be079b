/**
 * How long the sandbox takes to build its seeded data: every test and `--sandbox` start pays it.
 * Baseline: a structured clone of the same data, i.e. the cost of merely copying that many objects.
 */
import { generateSandboxData, type SandboxData } from '../../src/sandbox/index.js';
import type { Row } from '../lib/report.js';
import { median } from '../lib/stats.js';

const NOW = new Date('2026-11-01T00:00:00Z');

export async function sandboxSeed(runs: number): Promise<Row[]> {
  const generate: number[] = [];
  const copy: number[] = [];
  let first: SandboxData | undefined;
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    const data = generateSandboxData(i, { now: NOW });
    first ??= data;
    generate.push(performance.now() - started);
    started = performance.now();
    structuredClone(data);
    copy.push(performance.now() - started);
  }
  return [
    {
      section: 'sandbox',
      metric: `seed data (${first!.tests.length} tests, ${first!.bugs.length} bugs, seed 0)`,
      value: median(generate),
      unit: 'ms',
      baseline: median(copy),
      baselineLabel: 'structuredClone of it',
      note: `median of ${runs} seeds in one process; the first run includes JIT warm-up`,
    },
  ];
}
