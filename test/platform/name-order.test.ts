/**
 * compareNames (src/platform/name-order.ts) orders names exactly as localeCompare does, without
 * loading ICU's collator at start-up.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { compareNames } from '../../src/platform/name-order.js';

const sign = (n: number) => Math.sign(n);

describe('compareNames', () => {
  it('sorts every built-in tool name as localeCompare does (snake_case and kebab-case mixed)', () => {
    const names = readdirSync('plugins');
    expect(names.length).toBeGreaterThan(30);
    expect([...names].sort(compareNames)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('agrees with localeCompare on any names of letters, digits, _ and - (and on anything else)', () => {
    const simple = fc.stringMatching(/^[a-z0-9_-]{0,12}$/);
    fc.assert(fc.property(simple, simple, (a, b) => sign(compareNames(a, b)) === sign(a.localeCompare(b))), { numRuns: 5_000 });
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => sign(compareNames(a, b)) === sign(a.localeCompare(b))), { numRuns: 500 });
  });
});
