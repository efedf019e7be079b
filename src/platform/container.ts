/**
 * The Awilix container: singletons for config, logger and every service, a scope per tool call.
 * Each area registers its own services (src/testio/register.ts, src/testr/register.ts), so the
 * platform never needs to know what a service is. The services are registered by `loadServices`,
 * not at start-up: their modules take about 25 ms to load and the first tools/list needs none.
 */
import { asValue, createContainer, InjectionMode, type AwilixContainer } from 'awilix';
import type { Config } from './config.js';
import type { AppCradle, CallCradle, ToolContext } from './context.js';
import type { Logger } from './logger.js';

export type AppContainer = AwilixContainer<AppCradle>;

export function createAppContainer(config: Config, logger: Logger, version: string): AppContainer {
  const container = createContainer<AppCradle>({ injectionMode: InjectionMode.PROXY, strict: true });
  container.register({
    config: asValue(config),
    logger: asValue(logger),
    version: asValue(version),
  });
  return container;
}

const servicesLoading = new WeakMap<AppContainer, Promise<void>>();

/**
 * Imports and registers the TestIO and Testr services, once per container; every caller (the first
 * tool call, a resource read, the warm-up after the handshake) awaits the same promise.
 */
export function loadServices(container: AppContainer): Promise<void> {
  let loading = servicesLoading.get(container);
  if (!loading) {
    loading = Promise.all([import('../testio/register.js'), import('../testr/register.js')]).then(([testio, testr]) => {
      testio.registerTestio(container);
      testr.registerTestr(container);
    });
    servicesLoading.set(container, loading);
  }
  return loading;
}

/** A per-call scope whose cradle is the handler's `ctx`. */
export function createCallContext(container: AppContainer, call: CallCradle): ToolContext {
  const scope = container.createScope<CallCradle>();
  scope.register({
    signal: asValue(call.signal),
    progress: asValue(call.progress),
    toolName: asValue(call.toolName),
  });
  return scope.cradle as unknown as ToolContext;
}
