/**
 * The TestIO area as the platform sees it: settings, lazily registered services, instructions
 * and warm-up. Cheap to import: the services load on the first call.
 */
import type { AwilixContainer } from 'awilix';
import { registerAppViews, STATUS_REPORT_VIEW } from '../apps/views.js';
import type { Area } from '../platform/area.js';
import type { Caller } from '../platform/caller.js';
import type { TestioDataCradle } from './data/register.js';
import type { TestioServices } from './services/register.js';
import { TESTIO_SETTINGS } from './settings.js';

declare module '../platform/context.js' {
  // What TestIO tools may use: the services only (never the HTTP client). Merging needs the
  // extends clause, so the body stays empty.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AreaCradle extends TestioServices {}
}

export const testioArea: Area = {
  name: 'testio',
  settings: TESTIO_SETTINGS,
  toolsets: [
    { name: 'testio', describe: 'Read TestIO products, tests, bugs and reports' },
    { name: 'testio-analytics', describe: 'Questions over the local TestIO analytics store' },
    { name: 'testio-write', describe: 'Accept and reject bugs, create and launch tests (each behind a confirmation)', offByDefault: true, enabledBy: (config) => config.writeTools, enabledByVariable: 'TESTIO_WRITE_TOOLS' },
    { name: 'admin', describe: 'Server upkeep: cache statistics and clearing, diagnostics, sync' },
  ],
  instructions: `Start with list_products or list_tests to find ids; get_test_status for one test; get_test_bugs to page through bugs (see get_valid_bug_filters); generate_status_report for several tests.
Dates accept natural language such as "last 30 days" (30 × 24 h ending now) or "Q4 2024"; nothing runs past now, and answers say what the dates resolved to.`,
  register: async (container) => (await import('./register.js')).registerTestio(container),
  registerServer: (server) => registerAppViews(server, [STATUS_REPORT_VIEW]),
  // The HTTP stack and the local tenant's cache, which the first call would otherwise load.
  warmUp: (container: AwilixContainer, caller: Caller) => {
    const cradle = container.cradle as TestioDataCradle;
    cradle.testioHttp.warmUp();
    cradle.testioTenants.warmUp(caller);
  },
};
