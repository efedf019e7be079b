/**
 * A call's ctx (createCallContext, src/platform/container.ts): the call's own values, and the
 * services through Awilix, with the caller-dependent (`.scoped()`) ones made once per caller.
 */
import type { asFunction } from 'awilix';
import type { Caller } from '../../src/platform/caller.js';
import { loadConfig } from '../../src/areas.js';
import { createAppContainer, createCallContext } from '../../src/platform/container.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import type { CallCradle } from '../../src/platform/context.js';
import { awilix } from '../../src/platform/vendor.js';

interface Probe {
  perCaller: { for: string; made: number };
}

function containerWithProbe() {
  const container = createAppContainer(loadConfig({ env: {} }), createSilentLogger(), '0.0.0');
  let made = 0;
  // The same Awilix copy the container uses (the vendor bundle when built).
  const asScoped = (awilix.asFunction as typeof asFunction)(({ caller }: { caller: Caller }) => ({ for: caller.userId, made: ++made })).scoped();
  container.register({ perCaller: asScoped } as never);
  return container;
}

const call = (caller: Caller, toolName: string): CallCradle => ({
  caller,
  signal: new AbortController().signal,
  progress: async () => undefined,
  toolName,
  confirmation: {} as CallCradle['confirmation'],
});

describe('createCallContext', () => {
  it("gives each call its own values and the container's services", () => {
    const container = containerWithProbe();
    const ada: Caller = { userId: 'ada', tenantId: 't1' };
    for (const toolName of ['first', 'second', 'third']) {
      const values = call(ada, toolName);
      const ctx = createCallContext(container, values) as unknown as CallCradle & Probe & { logger: unknown; config: unknown };
      expect(ctx.toolName).toBe(toolName);
      expect(ctx.signal).toBe(values.signal);
      expect(ctx.progress).toBe(values.progress);
      expect(ctx.caller).toBe(ada);
      expect(ctx.config).toBe(container.cradle.config);
      expect(ctx.logger).toBe(container.cradle.logger);
      expect(ctx.perCaller.for).toBe('ada');
    }
  });

  it('makes a caller-dependent service once per caller, and never shares it between callers', () => {
    const container = containerWithProbe();
    const ada: Caller = { userId: 'ada', tenantId: 't1' };
    const bob: Caller = { userId: 'bob', tenantId: 't2' };
    const of = (caller: Caller) => (createCallContext(container, call(caller, 'x')) as unknown as Probe).perCaller;
    const adaServices = [of(ada), of(ada), of(ada), of(ada)];
    // The first call has a scope of its own; from the second call on the caller's scope serves.
    expect(adaServices[2]).toBe(adaServices[1]);
    expect(adaServices[3]).toBe(adaServices[1]);
    expect(adaServices.every((service) => service.for === 'ada')).toBe(true);
    expect([of(bob), of(bob), of(bob)].every((service) => service.for === 'bob')).toBe(true);
    // A caller object made per request (as the HTTP server does) gets its own, every time.
    const perRequest = [1, 2, 3].map(() => of({ userId: 'carol', tenantId: 't3' }));
    expect(new Set(perRequest).size).toBe(3);
  });
});
