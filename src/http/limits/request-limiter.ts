/**
 * Requests per minute per key (per client address without keys), with rate-limiter-flexible.
 * The interface takes any of its stores: memory here, RateLimiterRedis for a fleet (scale-out).
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { REDIS_OP_TIMEOUT_MS, type SharedRedis } from '../../platform/shared-redis.js';

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

/**
 * The fleet-wide limit: counters in Redis under `<prefix>:rate:<subject>` on the app's one
 * connection. While Redis is not ready, the in-memory insurance limiter (same limit, per replica)
 * answers at once, and so it does when Redis takes longer than REDIS_OP_TIMEOUT_MS (a hung
 * server, not only a closed socket): traffic is neither blocked nor unlimited, and nothing is
 * replayed into Redis afterwards, so nothing is counted twice when it returns.
 */
export async function redisRateLimiter(redis: SharedRedis, perMinute: number): Promise<RateLimiterAbstract> {
  const insuranceLimiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const shared = new RateLimiterRedis({
    storeClient: await redis.client(),
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    keyPrefix: redis.key('rate'),
    points: perMinute,
    duration: 60,
    insuranceLimiter,
  });
  return new RLWrapperTimeouts({ limiter: shared, insuranceLimiter, timeoutMs: REDIS_OP_TIMEOUT_MS }) as unknown as RateLimiterAbstract;
}
