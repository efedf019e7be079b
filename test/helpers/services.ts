/**
 * Redis and PostgreSQL for the tests that need them. `.ci/run` starts both and sets
 * TEST_REDIS_URL / TEST_DATABASE_URL; by hand, `eval "$(bash .ci/services.sh)"` does the same.
 * In CI a missing service is a failure, never a skip; by hand the suite skips with a message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';

const inCi = () => process.env.CI === 'true' || process.env.CI === '1';

function serviceUrl(variable: 'TEST_REDIS_URL' | 'TEST_DATABASE_URL', what: string): string | undefined {
  const url = process.env[variable];
  if (url) return url;
  if (inCi()) throw new Error(`${variable} is not set: .ci/run must start ${what} before npm test.`);
  process.stderr.write(`Skipping the ${what} tests: set ${variable} (eval "$(bash .ci/services.sh)").\n`);
  return undefined;
}

export const redisUrl = () => serviceUrl('TEST_REDIS_URL', 'Redis');
export const databaseUrl = () => serviceUrl('TEST_DATABASE_URL', 'PostgreSQL');

/** `describe` when the service is there, `describe.skip` (with the message above) when not. */
export const describeWithRedis = (name: string, body: () => void) => (redisUrl() ? describe : describe.skip)(name, body);
export const describeWithPostgres = (name: string, body: () => void) => (databaseUrl() ? describe : describe.skip)(name, body);

/** A free loopback port, e.g. for a redis-server a test owns. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A redis-server of the test's own on loopback, ready to take commands; `appendOnlyDir` turns on
 * the append-only file (as SCALING.md tells operators), so its data survives a restart.
 */
export async function startRedisServer(port: number, appendOnlyDir?: string): Promise<ChildProcess> {
  const persistence = appendOnlyDir ? ['--appendonly', 'yes', '--dir', appendOnlyDir] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], { stdio: 'ignore' });
  const { createClient } = await import('@keyv/redis');
  for (let i = 0; i < 100; i++) {
    const probe = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.close();
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not start');
}

/** SIGKILL, as a crash would; resolves once the process is gone. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
}
