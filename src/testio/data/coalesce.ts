/**
 * Shares one in-flight operation between identical concurrent requests. The shared work runs on
 * its own AbortController, aborted only when every waiter has given up, so one caller's
 * cancellation never fails the request for the others.
 */
import { raceAbort, throwIfAborted } from './abort.js';

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

export class Coalescer<T> {
  private readonly flights = new Map<string, Flight<T>>();

  run(key: string, task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    throwIfAborted(signal);
    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const created: Flight<T> = { controller, waiters: 0, promise: Promise.resolve().then(() => task(controller.signal)) };
      created.promise
        .finally(() => {
          if (this.flights.get(key) === created) this.flights.delete(key);
        })
        // Nobody may be listening any more (all waiters cancelled): never an unhandled rejection.
        .catch(() => undefined);
      this.flights.set(key, created);
      flight = created;
    }
    const joined = flight;
    joined.waiters += 1;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      joined.waiters -= 1;
      if (joined.waiters === 0) {
        joined.controller.abort();
        if (this.flights.get(key) === joined) this.flights.delete(key);
      }
    };
    return raceAbort(joined.promise, signal, leave);
  }

  /** How many distinct operations are in flight now (for tests). */
  get size(): number {
    return this.flights.size;
  }
}
