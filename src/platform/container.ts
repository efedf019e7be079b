/**
 * The Awilix container: singletons for config, logger and every area's services, a scope per
 * tool call holding the caller, signal and progress. Each area registers its own services (its
 * `register`), so the platform never needs to know what a service is. They are registered by
 * `loadAreas`, not at start-up: their modules take tens of ms to load and the first tools/list
 * needs none of them.
 */
import type { AwilixContainer } from 'awilix';
import type { Area } from './area.js';
import type { Config } from './config.js';
import type { CallCradle, PlatformCradle, PublicLinks, ToolContext } from './context.js';
import type { Logger } from './logger.js';
import { AppEvents } from './events.js';
import { SharedRedis } from './shared-redis.js';
import { awilix } from './vendor.js';

const { asFunction, asValue, createContainer, InjectionMode } = awilix;

export type AppContainer = AwilixContainer<PlatformCradle>;

export function createAppContainer(config: Config, logger: Logger, version: string, publicLinks?: PublicLinks): AppContainer {
  const container = createContainer<PlatformCradle>({ injectionMode: InjectionMode.PROXY, strict: true });
  container.register({
    config: asValue(config),
    logger: asValue(logger),
    version: asValue(version),
    publicLinks: asValue(publicLinks),
    // Cheap to build: nothing connects (or even loads) until an area asks for shared state.
    sharedRedis: asFunction(() => new SharedRedis(config.redisUrl, config.redisKeyPrefix, logger))
      .singleton()
      .disposer((redis) => redis.close()),
    appEvents: asFunction(() => new AppEvents(logger)).singleton(),
  });
  return container;
}

const areasLoading = new WeakMap<AppContainer, Promise<void>>();

/**
 * Registers every area's services, once per container; every caller (the first tool call, a
 * resource read, the warm-up after the handshake) awaits the same promise.
 */
export function loadAreas(container: AppContainer, areas: readonly Area[]): Promise<void> {
  let loading = areasLoading.get(container);
  if (!loading) {
    loading = Promise.all(areas.map((area) => area.register(container))).then(() => undefined);
    areasLoading.set(container, loading);
  }
  return loading;
}

/**
 * A per-call scope whose cradle is the handler's `ctx`. Cheap: five values registered; the
 * caller-dependent services (`.scoped()` in the areas) resolve on first access only.
 */
export function createCallContext(container: AppContainer, call: CallCradle): ToolContext {
  const scope = container.createScope<CallCradle>();
  scope.register({
    caller: asValue(call.caller),
    signal: asValue(call.signal),
    progress: asValue(call.progress),
    toolName: asValue(call.toolName),
    confirmation: asValue(call.confirmation),
  });
  return scope.cradle as unknown as ToolContext;
}
