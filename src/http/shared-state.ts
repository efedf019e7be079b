/**
 * Where the team server keeps sessions and rate limits: in this process (the embedded default), or
 * on the one SharedRedis connection of the app when REDIS_URL is set, so every replica shares them.
 */
import type { App } from '../platform/app.js';
import type { Config } from '../platform/config.js';
import type { SharedRedis, SharedStateStatus } from '../platform/shared-redis.js';
import type { AnswerRelay } from './client-requests.js';
import { FlexibleRequestLimiter, redisRateLimiter, type RequestLimiter } from './limits/request-limiter.js';
import { RedisSessionStore } from './sessions/redis-session-store.js';
import { MemorySessionStore, type SessionStore } from './sessions/session-store.js';

export interface TeamSharedState {
  sessions: SessionStore;
  limiter: RequestLimiter;
  /** 'off' without REDIS_URL; for /readyz and /metrics. */
  status: () => SharedStateStatus;
  /** Elicitation answers between replicas (with Redis only). */
  answerRelay?: AnswerRelay;
}

const ANSWER_CHANNEL = 'elicitation-answers';

export async function teamSharedState(app: App, config: Config): Promise<TeamSharedState> {
  const perMinute = config.rateLimitPerMinute;
  if (!config.redisUrl) return { sessions: new MemorySessionStore(), limiter: new FlexibleRequestLimiter(perMinute), status: () => 'off' };
  const redis = app.container.resolve<SharedRedis>('sharedRedis');
  const answerRelay: AnswerRelay = { publish: (message) => redis.publish(ANSWER_CHANNEL, message), subscribe: (listener) => redis.subscribe(ANSWER_CHANNEL, listener) };
  return { sessions: new RedisSessionStore(redis), limiter: new FlexibleRequestLimiter(perMinute, await redisRateLimiter(redis, perMinute)), status: () => redis.status(), answerRelay };
}
