/**
 * The Awilix container: singletons for config, logger and every service, a scope per tool call.
 * Each area registers its own services (src/testio/register.ts, src/testr/register.ts), so the
 * platform never needs to know what a service is.
 */
import { asValue, createContainer, InjectionMode, type AwilixContainer } from 'awilix';
import { registerTestio } from '../testio/register.js';
import { registerTestr } from '../testr/register.js';
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
  registerTestio(container);
  registerTestr(container);
  return container;
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
