/**
 * The Testr browser engine (see ./contract.ts). The service imports this module lazily, because
 * it loads playwright-core; parseStep and checkTargetUrl are also importable on their own.
 */
import type { EngineModule, EngineRunOutcome, EngineRunRequest } from './contract.js';
import { closeBrowser } from './browser.js';
import { runExplorer } from './explorer.js';
import { runSteps } from './runner.js';
import { parseStep, parseSteps } from './steps.js';
import { checkTargetUrl } from './url-safety.js';

export async function runTest(request: EngineRunRequest): Promise<EngineRunOutcome> {
  return request.mode.type === 'step' ? runSteps(request, request.mode.steps) : runExplorer(request, request.mode.prompt, request.mode.maxActions);
}

export { checkTargetUrl, closeBrowser, parseStep, parseSteps };

const engine: EngineModule = { parseStep, checkTargetUrl, runTest, closeBrowser };
export default engine;
