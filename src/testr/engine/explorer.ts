import type { EngineRunOutcome, EngineRunRequest } from './contract.js';
import { earlyFailure } from './outcome.js';

export async function runExplorer(request: EngineRunRequest, _prompt: string, _maxActions: number): Promise<EngineRunOutcome> {
  return earlyFailure(request, [], 'not yet');
}
