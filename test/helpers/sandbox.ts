/**
 * One sandbox per test file, reset to no faults, no latency and zero stats before every test.
 * Returns a getter valid from beforeAll on.
 */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/index.js';

export function useSandbox(options: SandboxOptions = {}): () => SandboxHandle {
  let sandbox: SandboxHandle | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, ...options });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    sandbox?.setFaultRate(0);
    sandbox?.setLatency(0);
    sandbox?.resetStats();
  });
  return () => {
    if (!sandbox) throw new Error('the sandbox is not started yet');
    return sandbox;
  };
}
