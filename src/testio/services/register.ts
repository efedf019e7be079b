import type { AwilixContainer } from 'awilix';

/** Filled in by the TestIO tools work: the services the tools call. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TestioServicesCradle {}

export function registerTestioServices(_container: AwilixContainer): void {}
