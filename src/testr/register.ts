/**
 * Testr area services: one TestrService per process (constructing it is cheap: no database, no
 * browser; the container's dispose() closes it, cancelling runs in progress with refunds and
 * closing Chromium), and per call scope `testr`, the caller's own view of it: every definition,
 * run, recording and balance it reads or writes is the caller's user's.
 */
import type { AwilixContainer } from 'awilix';
import type { Caller } from '../platform/caller.js';
import type { Config } from '../platform/config.js';
import type { PublicLinks } from '../platform/context.js';
import type { Logger } from '../platform/logger.js';
import { TestrService, type TestrUserView } from './service.js';
import { awilix } from '../platform/vendor.js';

const { asFunction } = awilix;

/** What tools see (ctx.testr). */
export interface TestrCradle {
  testr: TestrUserView;
}

/** The area's own registrations (not for tools). */
export interface TestrAreaCradle {
  testrService: TestrService;
}

export function registerTestr(container: AwilixContainer): void {
  container.register({
    testrService: asFunction(
      ({ config, logger, publicLinks }: { config: Config; logger: Logger; publicLinks: PublicLinks | undefined }) =>
        new TestrService({ config, logger: logger.child({ area: 'testr' }), ...(publicLinks ? { publicLinks } : {}) }),
    )
      .singleton()
      .disposer((service) => service.close()),
    testr: asFunction(({ testrService, caller }: TestrAreaCradle & { caller: Caller }) => testrService.forCaller(caller)).scoped(),
  });
}
