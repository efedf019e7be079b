import type { AwilixContainer } from 'awilix';

/** Filled in by the data-layer work: the HTTP client, the cache and the typed API. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TestioDataCradle {}

export function registerTestioData(_container: AwilixContainer): void {}
