/**
 * A page whose script never yields (a `while (true) {}`) blocks every Playwright call that needs
 * its main thread, and some of those (evaluate, innerText) have no timeout of their own: the step
 * would hold its run slot until the whole run's time limit. This watchdog probes the page once an
 * action has run longer than the action timeout, and fails the step as soon as the page stops
 * answering.
 */
import type { Page } from 'playwright-core';
import { sleep, StepFailure } from './timing.js';

/** How long a probe may take before the page counts as locked. */
function probeWindow(actionTimeoutMs: number): number {
  return Math.min(5_000, Math.max(1_000, actionTimeoutMs));
}

/** Whether the page's main thread answers a trivial script within `windowMs`. */
export async function answers(page: Page, windowMs: number): Promise<boolean> {
  if (page.isClosed()) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), windowMs);
  });
  try {
    // A closed or navigating page rejects: that is not a locked one.
    return await Promise.race([page.evaluate('1').then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

export function lockedMessage(windowMs: number): StepFailure {
  return new StepFailure(`The page stopped responding: its script kept the browser busy (no answer within ${Math.round(windowMs / 100) / 10} s), so the step failed.`);
}

/**
 * Runs `work`; from `actionTimeoutMs` on, probes the page at intervals and rejects with a clear
 * StepFailure once it does not answer. A step that fails on its own while the page is locked
 * (a click timing out) gets the same message. `page` is read each time (the step may switch tabs).
 */
export async function whileResponsive<T>(page: () => Page, actionTimeoutMs: number, signal: AbortSignal, work: Promise<T>): Promise<T> {
  const windowMs = probeWindow(actionTimeoutMs);
  const done = new AbortController();
  const stop = AbortSignal.any([signal, done.signal]);
  // The watchdog never resolves; it only rejects when the page is locked.
  const watchdog = (async (): Promise<never> => {
    await sleep(actionTimeoutMs, stop);
    while (!stop.aborted) {
      if (!(await answers(page(), windowMs)) && !stop.aborted) throw lockedMessage(windowMs);
      await sleep(windowMs, stop);
    }
    return new Promise<never>(() => undefined);
  })();
  try {
    return await Promise.race([work, watchdog]);
  } catch (error) {
    if (error instanceof StepFailure || signal.aborted) throw error;
    if (!(await answers(page(), windowMs))) throw lockedMessage(windowMs);
    throw error;
  } finally {
    done.abort();
    // The abandoned call fails once the context closes; nobody waits for it.
    work.catch(() => undefined);
    watchdog.catch(() => undefined);
  }
}
