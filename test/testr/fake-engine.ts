/**
 * A browser-free engine for queue, credit and recovery tests: each run waits until the test
 * releases it (or its signal aborts), reporting one passed step per step through onStep.
 */
import type { EngineRunOutcome, EngineRunRequest, StepResult } from '../../src/testr/engine/contract.js';
import type { EngineDeps } from '../../src/testr/engine-loader.js';

interface Gate {
  request: EngineRunRequest;
  release(outcome?: Partial<EngineRunOutcome>): void;
}

export interface FakeEngine {
  deps: Partial<EngineDeps>;
  /** Runs currently inside runTest, by run id. */
  running: Map<string, Gate>;
  /** Most runs that were inside runTest at the same moment. */
  peak: number;
  started: string[];
  closed: boolean;
  /** When true, runs finish by themselves after `autoMs`. */
  auto: boolean;
  waitForRunning(count: number, timeoutMs?: number): Promise<void>;
}

const stepsOf = (request: EngineRunRequest) => (request.mode.type === 'step' ? request.mode.steps : ['explore']);

export function createFakeEngine(options: { auto?: boolean; autoMs?: number } = {}): FakeEngine {
  const fake: FakeEngine = {
    running: new Map(),
    peak: 0,
    started: [],
    closed: false,
    auto: options.auto ?? false,
    deps: {},
    waitForRunning: async (count, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (fake.running.size < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} running, saw ${fake.running.size}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
  const runTest = (request: EngineRunRequest): Promise<EngineRunOutcome> =>
    new Promise((resolve) => {
      fake.started.push(request.runId);
      if (request.signal.aborted) {
        resolve({ status: 'cancelled', steps: [], creditsUsed: 0, frameCount: 0, consoleErrors: [], networkFailures: [], error: 'aborted' });
        return;
      }
      const finish = (extra: Partial<EngineRunOutcome> = {}) => {
        if (!fake.running.has(request.runId)) return;
        fake.running.delete(request.runId);
        const steps: StepResult[] = stepsOf(request).map((text, i) => ({ stepNumber: i + 1, stepText: text, status: 'passed', durationMs: 1 }));
        for (const step of steps) request.onStep(step);
        resolve({ status: 'completed', steps, creditsUsed: steps.length, frameCount: 0, consoleErrors: [], networkFailures: [], ...extra });
      };
      fake.running.set(request.runId, { request, release: finish });
      fake.peak = Math.max(fake.peak, fake.running.size);
      request.signal.addEventListener('abort', () => {
        fake.running.delete(request.runId);
        resolve({ status: 'cancelled', steps: [], creditsUsed: 0, frameCount: 0, consoleErrors: [], networkFailures: [], error: 'aborted' });
      });
      if (fake.auto) setTimeout(() => finish(), options.autoMs ?? 20);
    });
  fake.deps = {
    load: async () => ({
      runTest,
      closeBrowser: async () => {
        fake.closed = true;
      },
    }),
  };
  return fake;
}
