/**
 * Timing helpers shared by the runner and the explorer: abortable sleep, and the error type for a
 * step that failed for a reason worth showing the user as is.
 */

/** A step failed; the message is written for the user (no stack, no Playwright call log). */
export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A user-facing message for any error thrown while a step ran. */
export function failureMessage(error: unknown): string {
  if (error instanceof StepFailure) return error.message;
  const raw = error instanceof Error ? error.message : String(error);
  // Playwright appends a call log after the first line; keep only the first line.
  const first = (raw.split('\n')[0] ?? raw).replace(/^(?:locator|page|elementHandle)\.\w+:\s*/, '').trim();
  if (/Target page, context or browser has been closed|Target closed/i.test(first)) return 'The page was closed.';
  return first.length > 300 ? `${first.slice(0, 297)}...` : first;
}
