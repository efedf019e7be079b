/**
 * Turns parsed flags into a running configuration: config (flags > env > env file), logger, and
 * the in-process sandbox when --sandbox is given (loaded lazily: plain serving never imports it).
 */
import { loadConfig } from '../areas.js';
import { secretsOf, type Config } from '../platform/config.js';
import { createLogger, type Logger } from '../platform/logger.js';
import type { SandboxHandle } from '../sandbox/index.js';
import type { ParsedCli } from './args.js';
import { sandboxOptions } from './sandbox-options.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  sandbox?: SandboxHandle;
}

export interface RuntimeOptions {
  /** Log level when neither a flag nor the environment sets one (quieter for one-shot commands). */
  quietByDefault?: boolean;
}

export async function prepareRuntime(cli: ParsedCli, options: RuntimeOptions = {}): Promise<Runtime> {
  const env = { ...process.env };
  if (options.quietByDefault && !cli.settingFlags['log-level'] && !env.LOG_LEVEL) env.LOG_LEVEL = 'WARNING';
  const config = loadConfig({ flags: cli.settingFlags, env, envFile: cli.envFile });
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, secrets: () => secretsOf(config) });
  if (!config.sandbox) return { config, logger };

  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox(sandboxOptions(cli.sandboxFlags));
  config.baseUrl = sandbox.baseUrl;
  config.token = sandbox.token;
  logger.info('Sandbox mode: serving demo data from the built-in sandbox API', { baseUrl: sandbox.baseUrl, demoSite: `${sandbox.url}/demo/` });
  return { config, logger, sandbox };
}
