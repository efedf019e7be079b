/**
 * TestIO area services: the data layer (HTTP client, per-tenant API and cache) and the services
 * tools call. Loaded on first use by the area (area.ts), never at start-up.
 */
import type { AwilixContainer } from 'awilix';
import { registerTestioData } from './data/register.js';
import { registerTestioServices } from './services/register.js';

export function registerTestio(container: AwilixContainer): void {
  registerTestioData(container);
  registerTestioServices(container);
}
