/**
 * The analytics area: a local, synced copy of each tenant's TestIO data (products, features,
 * tests, bugs, users) that list, summary, search and report tools query in milliseconds. Cheap to
 * import: the store, the database driver and the sync load on first use.
 */
import type { Area } from '../platform/area.js';
import { registerInsights } from './report/register-server.js';
import type { AnalyticsCradle } from './register.js';
import { ANALYTICS_SETTINGS } from './settings.js';

declare module '../platform/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merging needs the extends clause
  interface AreaCradle extends AnalyticsCradle {}
}

export const analyticsArea: Area = {
  name: 'analytics',
  settings: ANALYTICS_SETTINGS,
  instructions: 'Analytics: sync_data copies TestIO data into a local store; the list, summary and search tools answer from it and say how fresh it is.',
  register: async (container) => (await import('./register.js')).registerAnalytics(container),
  // Prompts, knowledge resources and app views of the insight tools (nothing loads until used).
  registerServer: (server) => registerInsights(server),
};
