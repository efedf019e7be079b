/** A TestrService on a fresh temporary data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_USER } from '../../src/platform/caller.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { TestrService, type TestrConfig, type TestrServiceOptions, type TestrUserView } from '../../src/testr/service.js';

/** Short leases so recovery shows within a test (the defaults are 2 s and 10 s). */
export const FAST_LEASES = { heartbeatMs: 50, leaseMs: 300 };

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'testr-test-'));
}

export function testrConfig(dataDir: string, overrides: Partial<TestrConfig> = {}): TestrConfig {
  return { testrDataDir: dataDir, testrCredits: 100, testrBlockPrivateNetworks: false, ...overrides };
}

/** One user's view of a service, with the service's lifecycle: what most tests drive. */
export type UserTestr = TestrUserView & Pick<TestrService, 'close' | 'runningCount' | 'pendingCount'> & { service: TestrService };

export function userTestr(service: TestrService, userId = LOCAL_USER, credits?: number): UserTestr {
  return {
    ...service.forUser({ userId, ...(credits !== undefined && { credits }) }),
    service,
    close: () => service.close(),
    get runningCount() {
      return service.runningCount;
    },
    get pendingCount() {
      return service.pendingCount;
    },
  };
}

type ServiceOptions = Partial<Omit<TestrServiceOptions, 'config'>> & { config?: Partial<TestrConfig> };

export function createTestrService(dataDir: string, options: ServiceOptions = {}): TestrService {
  return new TestrService({ logger: createSilentLogger(), ...options, config: testrConfig(dataDir, options.config) });
}

/** A service on `dataDir`, seen as the local user (stdio). */
export function createService(dataDir: string, options: ServiceOptions = {}): UserTestr {
  return userTestr(createTestrService(dataDir, options));
}

/** One service on its own data folder for a whole test file, closed and removed afterwards. */
export function serviceForFile(): () => UserTestr {
  let dir: string;
  let service: UserTestr;
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
