/**
 * Redis and PostgreSQL for the tests that need them. `.ci/run` starts both and sets
 * TEST_REDIS_URL / TEST_DATABASE_URL; by hand, `eval "$(bash .ci/services.sh)"` does the same.
 * In CI a missing service is a failure, never a skip; by hand the suite skips with a message.
 */
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
