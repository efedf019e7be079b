/**
 * The analytics area's settings: where the SQLite stores live and how often the background sync
 * runs. PostgreSQL comes from the platform's DATABASE_URL (shared with Testr).
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { intIn, spec, type Parser, type SettingSpec } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    testioDataDir: string;
    /** Unset: the mode's default (60 minutes in HTTP mode, none on stdio). 0: no background sync. */
    syncIntervalMinutes?: number;
  }
}

/** Minutes between background syncs when TESTIO_SYNC_INTERVAL_MINUTES is unset. */
export const DEFAULT_HTTP_SYNC_MINUTES = 60;

const optionalMinutes: Parser<number | undefined> = (raw) => (raw.trim() === '' ? undefined : intIn(0, 10_080)(raw));

export const ANALYTICS_SETTINGS: SettingSpec[] = [
  spec({ key: 'testioDataDir', env: 'TESTIO_DATA_DIR', default: path.join(homedir(), '.testio-mcp', 'testio'), describe: 'Analytics store folder: one SQLite file per TestIO token (unless DATABASE_URL is set)', parse: (raw) => path.resolve(raw.trim()) }),
  spec({ key: 'syncIntervalMinutes', env: 'TESTIO_SYNC_INTERVAL_MINUTES', allowed: '0-10080', describe: 'Minutes between background syncs of the analytics store (0: none; default 60 in HTTP mode, 0 on stdio)', parse: optionalMinutes }),
] as SettingSpec[];

/** The background sync interval in ms for this mode, or 0 for none. */
export function syncIntervalMs(minutes: number | undefined, httpMode: boolean): number {
  return (minutes ?? (httpMode ? DEFAULT_HTTP_SYNC_MINUTES : 0)) * 60_000;
}
