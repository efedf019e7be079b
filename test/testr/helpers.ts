/** A TestrService on a fresh temporary data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../../src/platform/logger.js';
import { TestrService, type TestrConfig, type TestrServiceOptions } from '../../src/testr/service.js';

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'testr-test-'));
}

export function testrConfig(dataDir: string, overrides: Partial<TestrConfig> = {}): TestrConfig {
  return { testrDataDir: dataDir, testrCredits: 100, testrBlockPrivateNetworks: false, ...overrides };
}

export function createService(dataDir: string, options: Partial<Omit<TestrServiceOptions, 'config'>> & { config?: Partial<TestrConfig> } = {}): TestrService {
  return new TestrService({ logger: createSilentLogger(), ...options, config: testrConfig(dataDir, options.config) });
}

/** One service on its own data folder for a whole test file, closed and removed afterwards. */
export function serviceForFile(): () => TestrService {
  let dir: string;
  let service: TestrService;
  beforeAll(() => {
    dir = tempDataDir();
    service = createService(dir);
  });
  afterAll(async () => {
    await service.close();
    removeDir(dir);
  });
  return () => service;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const SIGNUP_STEPS = [
  'click the "Sign Up" button',
  'type an email into the email field',
  'type a password into the password field',
  'click "Create Account"',
  'verify the welcome message',
];
