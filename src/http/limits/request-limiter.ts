/**
 * Requests per minute per key (per client address without keys), with rate-limiter-flexible.
 * The interface takes any of its stores: memory here, RateLimiterRedis for a fleet (scale-out).
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RequestLimiter {
  readonly perMinute: number;
  consume(subject: string): Promise<LimitDecision>;
}

export class FlexibleRequestLimiter implements RequestLimiter {
  constructor(
    readonly perMinute: number,
    private readonly limiter: RateLimiterAbstract = new RateLimiterMemory({ points: perMinute, duration: 60 }),
  ) {}

  async consume(subject: string): Promise<LimitDecision> {
    try {
      await this.limiter.consume(subject);
      return { allowed: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      throw error;
    }
  }
}
