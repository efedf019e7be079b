/**
 * In-process events between areas, for the app's lifetime: one area emits a topic it defines, another
 * subscribes in its registration (`container.resolve('appEvents').on(TOPIC, ...)`). The platform
 * knows no topic. `emit` waits for every listener, so what they do is done when the emitter's tool
 * answers; a listener that fails is logged (warning) and never fails the emitter.
 */
import type { Logger } from './logger.js';

/** A named topic carrying payloads of type T (the type lives only at compile time). */
export interface Topic<T> {
  readonly name: string;
  /** Never set: keeps T in the type. */
  readonly payload?: T;
}

export const topic = <T>(name: string): Topic<T> => ({ name });

type Listener = (payload: never) => unknown;

export class AppEvents {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes; returns the unsubscribe. */
  on<T>(topic: Topic<T>, listener: (payload: T) => unknown): () => void {
    let set = this.listeners.get(topic.name);
    if (!set) this.listeners.set(topic.name, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  async emit<T>(topic: Topic<T>, payload: T): Promise<void> {
    const listeners = [...(this.listeners.get(topic.name) ?? [])];
    const settled = await Promise.allSettled(listeners.map(async (listener) => (listener as (p: T) => unknown)(payload)));
    for (const outcome of settled) {
      if (outcome.status === 'rejected') this.logger.warning(`A listener of ${topic.name} failed`, { error: outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason) });
    }
  }
}
