/**
 * The team server's HTTP refusals, each a JSON-RPC error body with the exact message of
 * shared/interfaces.md ("Team server over HTTP"), so clients and scripts can rely on them.
 */
import type { Response } from 'express';

const INVALID_PARAMS = -32602;

export function sendRpcError(res: Response, status: number, message: string, options: { code?: number; data?: unknown; id?: unknown } = {}): void {
  if (res.headersSent) return;
  const error = { code: options.code ?? INVALID_PARAMS, message, ...(options.data !== undefined ? { data: options.data } : {}) };
  res.status(status).json({ jsonrpc: '2.0', error, id: options.id ?? null });
}

export const KEY_REQUIRED = 'Unauthorized: API key required';
export const KEY_INVALID = 'Unauthorized: Invalid API key';
export const SESSION_EXPIRED = 'Unauthorized: Session expired';

export const rateLimitMessage = (perMinute: number, retryAfterSeconds: number) =>
  `Rate limit exceeded: ${perMinute} requests per minute. Retry in ${retryAfterSeconds} s.`;

/** "24 hours", "1 hour", "30 minutes", "5 seconds": the configured TTL in the expiry note. */
export function describeDuration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % 86_400 === 0 && seconds > 86_400) return unit(seconds / 86_400, 'day');
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

export const sessionExpiredData = (ttlSeconds: number) => ({
  reason: 'session_expired',
  note: `Session expired after ${describeDuration(ttlSeconds)}. Please reconnect.`,
});
