/** The Testr area's settings: where its data lives, credits, the browser and the optional LLM. */
import { homedir } from 'node:os';
import path from 'node:path';
import { bool, httpUrl, intIn, optionalText, spec, type SettingSpec } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    testrDataDir: string;
    testrCredits: number;
    chromiumPath?: string;
    testrBlockPrivateNetworks: boolean;
    testrLlmBaseUrl?: string;
    testrLlmApiKey?: string;
    testrLlmModel?: string;
    testrWorkerConcurrency: number;
  }
}

export const TESTR_SETTINGS: SettingSpec[] = [
  spec({ key: 'testrDataDir', env: 'TESTR_DATA_DIR', default: path.join(homedir(), '.testio-mcp', 'testr'), describe: 'Testr database and recordings folder', parse: (raw) => path.resolve(raw.trim()) }),
  spec({ key: 'testrCredits', env: 'TESTR_CREDITS', default: 100, allowed: '0-1000000', describe: 'Opening credit balance of a new Testr database', parse: intIn(0, 1_000_000) }),
  spec({ key: 'chromiumPath', env: 'CHROMIUM_PATH', describe: 'Chromium executable (found on the machine when unset)', parse: optionalText }),
  spec({ key: 'testrBlockPrivateNetworks', env: 'TESTR_BLOCK_PRIVATE_NETWORKS', default: false, allowed: 'true|false', describe: 'Refuse loopback and private-network targets in browser tests', parse: bool }),
  spec({ key: 'testrLlmBaseUrl', env: 'TESTR_LLM_BASE_URL', describe: 'Optional OpenAI-compatible endpoint for explorer runs and for rewriting unreadable steps at creation', parse: (raw) => (raw.trim() ? httpUrl(raw) : undefined) }),
  spec({ key: 'testrLlmApiKey', env: 'TESTR_LLM_API_KEY', describe: 'API key for TESTR_LLM_BASE_URL', parse: optionalText, secret: true }),
  spec({ key: 'testrLlmModel', env: 'TESTR_LLM_MODEL', describe: 'Model name for TESTR_LLM_BASE_URL', parse: optionalText }),
  spec({ key: 'testrWorkerConcurrency', env: 'TESTR_WORKER_CONCURRENCY', default: 5, allowed: '0-50', describe: 'With DATABASE_URL: queued Testr runs this process executes at once (a worker, or a serve process; 0 = none here)', parse: intIn(0, 50) }),
] as SettingSpec[];
