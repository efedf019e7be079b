/**
 * Helpers for multi-item answers (status report, activity): one item failing is reported, not
 * fatal, unless the cause would fail every item (missing token, bad token, cancellation).
 */
import type { ProgressFn } from '../../platform/context.js';
import { errorText, isToolError } from '../../platform/errors.js';

const FATAL_KINDS = new Set(['configuration', 'auth', 'cancelled']);

export function isFatal(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (error instanceof Error && error.name === 'AbortError') return true;
  return isToolError(error) && FATAL_KINDS.has(error.toolErrorKind);
}

/** A short reason for one failed item, without stack or internals. */
export function failureReason(error: unknown): string {
  return errorText(error, (untyped) => (untyped instanceof Error ? untyped.message.split('\n')[0] : String(untyped)).slice(0, 200));
}

/** Progress must never fail or slow the call: errors from the client side are dropped. */
export function progressReporter(progress: ProgressFn | undefined, total: number) {
  let done = 0;
  return (message: string): void => {
    done += 1;
    if (!progress) return;
    void progress(done, total, message).catch(() => undefined);
  };
}

export interface Settled<T> {
  id: number;
  value?: T;
  error?: unknown;
}

/**
 * Runs `work` for every id concurrently (the data layer caps requests in flight). Throws when a
 * failure is fatal or when every item failed, so a lone bad id reads as a plain error.
 */
export async function settleAll<T>(
  ids: readonly number[],
  work: (id: number) => Promise<T>,
  onDone: (id: number, ok: boolean) => void,
  signal?: AbortSignal,
): Promise<Settled<T>[]> {
  const results = await Promise.all(
    ids.map(async (id): Promise<Settled<T>> => {
      try {
        const value = await work(id);
        onDone(id, true);
        return { id, value };
      } catch (error) {
        onDone(id, false);
        return { id, error };
      }
    }),
  );
  const fatal = results.find((r) => r.error !== undefined && isFatal(r.error, signal));
  if (fatal) throw fatal.error;
  if (results.length > 0 && results.every((r) => r.error !== undefined)) throw results[0].error;
  return results;
}
