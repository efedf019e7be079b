/**
 * Testr area services: one TestrService singleton. Constructing it is cheap (no database, no browser); the
 * container's dispose() closes it, cancelling runs in progress with refunds and closing Chromium.
 * The call scope holds `caller`: a per-user view registers `.scoped()` and reads it there, e.g.
 * `asFunction(({ testr, caller }) => testr.forUser(caller.userId)).scoped()`.
 */
import { asFunction, type AwilixContainer } from 'awilix';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { TestrService } from './service.js';

export interface TestrCradle {
  testr: TestrService;
}

export function registerTestr(container: AwilixContainer): void {
  container.register({
    testr: asFunction(({ config, logger }: { config: Config; logger: Logger }) => new TestrService({ config, logger: logger.child({ area: 'testr' }) }))
      .singleton()
      .disposer((service) => service.close()),
  });
}
