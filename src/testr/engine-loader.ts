/**
 * How the service reaches the browser engine. parseStep and checkTargetUrl are cheap and loaded
 * with the service; runTest and closeBrowser sit behind a dynamic import so playwright-core is
 * only loaded when a run actually starts. Tests inject their own engine through TestrService.
 */
import type { EngineModule } from './engine/contract.js';
import { parseStep } from './engine/steps.js';
import { checkTargetUrl } from './engine/url-safety.js';

export type EngineRunner = Pick<EngineModule, 'runTest' | 'closeBrowser'>;

export interface EngineDeps {
  /** `stepNumber` (1-based) lets the engine name the step in its error message. */
  parseStep(text: string, stepNumber?: number): ReturnType<EngineModule['parseStep']>;
  checkTargetUrl: EngineModule['checkTargetUrl'];
  load(): Promise<EngineRunner>;
}

export const defaultEngine: EngineDeps = {
  parseStep,
  checkTargetUrl,
  load: () => import('./engine/index.js'),
};
