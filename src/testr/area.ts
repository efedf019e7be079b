/**
 * The Testr area as the platform sees it: settings, the lazily registered TestrService, the
 * recordings resources and instructions. Cheap to import: the service, the database and the
 * browser load on first use.
 */
import { registerAppViews, TEST_RUN_VIEW } from '../apps/views.js';
import type { Area } from '../platform/area.js';
import type { TestrAreaCradle, TestrCradle } from './register.js';
import { registerTestrResources } from './resources.js';
import { TESTR_SETTINGS } from './settings.js';

declare module '../platform/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merging needs the extends clause
  interface AreaCradle extends TestrCradle {}
}

export const testrArea: Area = {
  name: 'testr',
  settings: TESTR_SETTINGS,
  toolsets: [{ name: 'testr', describe: 'Testr browser tests: definitions and runs' }],
  instructions: 'Testr: create-test-definition, then start-test-run, then poll get-test-run-status.',
  register: async (container) => (await import('./register.js')).registerTestr(container),
  // Opens an existing database in the background, so this process closes a killed sibling's runs
  // (their leases expired) even before its own first Testr call.
  warmUp: (container) => (container.cradle as TestrAreaCradle).testrService.warmUp(),
  registerServer: (server) => {
    registerTestrResources(server);
    registerAppViews(server, [TEST_RUN_VIEW]);
  },
};
