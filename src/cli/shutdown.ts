/**
 * How every long-running command ends: once (a second signal changes nothing), on SIGINT, SIGTERM
 * or when the returned `stop` is called: it says why, closes, and exits 0; a close that hangs is
 * cut short after `hardExitMs`, so the process never outlives its orchestrator's patience.
 */
import type { Logger } from '../platform/logger.js';

export interface ShutdownOptions {
  logger: Logger;
  hardExitMs: number;
  /** Logs the stop (called once, with the reason). */
  announce: (why: string) => void;
  /** Everything to close; started as soon as the stop is decided. */
  close: () => Promise<unknown>;
}

export function exitOnSignals({ logger, hardExitMs, announce, close }: ShutdownOptions): (why: string) => void {
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    announce(why);
    setTimeout(() => process.exit(0), hardExitMs).unref();
    void close()
      .catch((error: Error) => logger.error('Error during shutdown', { error: error.message }))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return stop;
}
