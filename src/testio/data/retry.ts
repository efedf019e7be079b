/**
 * Retry policy of the TestIO client: which answers are worth another attempt, how long to wait
 * (exponential backoff with jitter, or the server's Retry-After), and the bounds that make a dead
 * API fail in bounded time.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** No new attempt (or wait) starts once this much time has passed since the first. */
  budgetMs: number;
  /** First backoff; doubles each retry, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, budgetMs: 20_000, baseDelayMs: 300, maxDelayMs: 5_000 };

/** 408, 429 and the gateway-ish 5xx may succeed later; other 4xx never will. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Writes are retried only where the server certainly did not act on them. */
export const RETRYABLE_WRITE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** "Equal jitter": half fixed, half random, so retries from many callers spread out. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
