/**
 * The real server behind an in-memory SDK client, pointed at a given API and logging at DEBUG
 * into a buffer, so a suite can check that nothing in the answers or logs leaks a secret.
 */
import { startHarness, type Harness } from '../../helpers/harness.js';

export type LoggedApp = Harness;

export interface LoggedAppOptions {
  baseUrl: string;
  token: string;
  env?: Record<string, string>;
}

export function startLoggedApp(options: LoggedAppOptions): Promise<LoggedApp> {
  return startHarness({ api: { baseUrl: options.baseUrl, token: options.token }, env: { LOG_LEVEL: 'DEBUG', ...options.env }, captureLogs: true });
}
