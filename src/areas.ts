/**
 * The composition root: the areas this server is made of, in order. Entry points (src/cli, the
 * tests' harness, the benchmarks) hand AREAS to createApp and read configuration through
 * loadConfig below, which knows every area's settings. Adding an area is one line here and no
 * change in src/platform/.
 */
import { mergeInstructions, mergeSettings, type Area } from './platform/area.js';
import { loadConfigFrom, PLATFORM_SETTINGS, type Config, type ConfigSources, type SettingSpec } from './platform/config.js';
import { analyticsArea } from './analytics/area.js';
import { testioArea } from './testio/area.js';
import { testrArea } from './testr/area.js';

export const AREAS: readonly Area[] = [testioArea, analyticsArea, testrArea];

/** Every setting: the platform's, then each area's. The CLI help and the .env.example test read it. */
export const SETTINGS: readonly SettingSpec[] = mergeSettings(PLATFORM_SETTINGS, AREAS);

export const SERVER_INSTRUCTIONS = mergeInstructions(
  'testio-mcp answers questions about TestIO crowdtesting (products, test cycles, bugs) and runs Testr browser tests.',
  AREAS,
);

/** The configuration from flags > environment > env file > defaults, over every area's settings. */
export function loadConfig(sources: ConfigSources = {}): Config {
  return loadConfigFrom(SETTINGS, sources);
}

/** What every entry point hands to createApp: `createApp({ ...COMPOSITION, config, logger })`. */
export const COMPOSITION = { areas: AREAS, instructions: SERVER_INSTRUCTIONS } as const;
