/**
 * TestIO area: the data layer (HTTP client, cache, typed API) and the services tools call.
 */
import type { AwilixContainer } from 'awilix';
import { registerTestioData, type TestioDataCradle } from './data/register.js';
import { registerTestioServices, type TestioServicesCradle } from './services/register.js';

export type TestioCradle = TestioDataCradle & TestioServicesCradle;

export function registerTestio(container: AwilixContainer): void {
  registerTestioData(container);
  registerTestioServices(container);
}
