import type { AwilixContainer } from 'awilix';

/** Filled in by the Testr work. Heavy modules (SQLite, browser) must load lazily on first use. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TestrCradle {}

export function registerTestr(_container: AwilixContainer): void {}
