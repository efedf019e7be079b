/**
 * Fault injection for API calls: a share of calls (the fault rate) is answered with 429 or a 5xx
 * instead of data. A seeded PRNG makes the sequence of faults the same on every run with the
 * same seed, so a flaky-looking test can be replayed exactly.
 */
import { Random } from './random.js';

export interface Fault {
  status: 429 | 500 | 502 | 503;
  headers: Record<string, string>;
  contentType: 'json' | 'html';
  body: string;
}

const FAULTS: ReadonlyArray<readonly [Fault, number]> = [
  [{ status: 429, headers: { 'Retry-After': '1' }, contentType: 'json', body: JSON.stringify({ error: 'Too many requests. Retry after 1 second.' }) }, 4],
  [{ status: 500, headers: {}, contentType: 'json', body: JSON.stringify({ error: 'Internal server error.' }) }, 2],
  // A proxy in front of the API answers with HTML, which a client must treat as an error, not data.
  [{ status: 502, headers: {}, contentType: 'html', body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>' }, 2],
  [{ status: 503, headers: {}, contentType: 'json', body: JSON.stringify({ error: 'Service temporarily unavailable.' }) }, 2],
];

export class FaultInjector {
  private readonly rng: Random;
  private rate: number;

  constructor(seed: number, rate: number) {
    // Its own stream, so data generation and faults never share draws.
    this.rng = new Random(seed ^ 0x5f3759df);
    this.rate = FaultInjector.check(rate);
  }

  static check(rate: number): number {
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError(`faultRate must be a number from 0 to 1 (got ${rate}).`);
    return rate;
  }

  setRate(rate: number): void {
    this.rate = FaultInjector.check(rate);
  }

  /** Draws for every call (even at rate 0) so the sequence depends only on the call count. */
  next(): Fault | undefined {
    const roll = this.rng.next();
    const fault = this.rng.weighted(FAULTS);
    return roll < this.rate ? fault : undefined;
  }
}
