import fc from 'fast-check';
import { parseDateExpression } from '../../src/testio/dates/index.js';
import { summarizeBugs } from '../../src/testio/services/bug-classify.js';
import { ContinuationTokens } from '../../src/testio/services/continuation-token.js';
import { bug } from './fixtures.js';

const NOW = new Date('2025-05-14T15:30:00Z');
const isUserInput = (e: unknown) => (e as { toolErrorKind?: string }).toolErrorKind === 'user_input';

describe('properties', () => {
  it('a date either parses to a valid period or is refused as bad input, never a crash', () => {
    const phrase = fc.oneof(
      fc.string(),
      fc.constantFrom('last', 'past', 'this', 'since', 'q', 'Q4', 'days', 'ago', '2024-', 'T', ':', ' ').chain((w) => fc.tuple(fc.constant(w), fc.string()).map(([a, b]) => a + b)),
      fc.tuple(fc.constantFrom('last', 'past'), fc.integer({ min: -5, max: 99999 }), fc.constantFrom('days', 'weeks', 'months', 'years', 'fortnights')).map((p) => p.join(' ')),
    );
    fc.assert(
      fc.property(phrase, (text) => {
        try {
          const p = parseDateExpression(text, NOW, 'start_date');
          return !Number.isNaN(p.start.getTime()) && !Number.isNaN(p.end.getTime()) && p.start.getTime() <= p.end.getTime();
        } catch (error) {
          return isUserInput(error);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('any forged continuation token is refused as bad input', () => {
    const tokens = new ContinuationTokens();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (token) => {
        try {
          tokens.decode(token, { scope: 1, filters: 'f', scopeName: 'test' });
          return false;
        } catch (error) {
          return isUserInput(error);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('bug buckets always add up and rates stay within 0..1', () => {
    const arbBug = fc.record({
      severity: fc.constantFrom('low', 'high', 'critical', 'visual', 'content', 'custom', 'odd'),
      status: fc.constantFrom('accepted', 'rejected', 'forwarded', 'new'),
      auto: fc.boolean(),
      known: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbBug, { maxLength: 60 }), (raw) => {
        const s = summarizeBugs(raw.map((b, i) => bug(i + 1, b.severity, b.status, { auto_accepted: b.auto, known: b.known })));
        const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
        const rates = Object.values(s.rates);
        return (
          s.total === raw.length &&
          sum(s.by_status) === s.total &&
          sum(s.by_severity) === s.total &&
          s.total_accepted === s.by_status.accepted + s.by_status.auto_accepted &&
          (s.total === 0 ? rates.every((r) => r === null) : rates.every((r) => r === null || (r >= 0 && r <= 1)))
        );
      }),
    );
  });
});
