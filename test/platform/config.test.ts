import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, SETTINGS } from '../../src/areas.js';
import { ConfigError } from '../../src/platform/config.js';
import { parseCli } from '../../src/cli/args.js';

const noFile = '/nonexistent-dir';

function withEnvFile(contents: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
  writeFileSync(path.join(dir, '.env'), contents);
  return dir;
}

describe('config precedence: flags > environment > env file > defaults', () => {
  it('uses defaults when nothing is set', () => {
    const config = loadConfig({ env: {}, cwd: noFile });
    expect(config).toMatchObject({
      baseUrl: 'https://api.test.io/customer/v2',
      maxConcurrentRequests: 10,
      connectionPoolSize: 20,
      httpTimeoutSeconds: 30,
      logLevel: 'INFO',
      logFormat: 'json',
      cacheTtlProducts: 3600,
      cacheTtlTests: 300,
      cacheTtlBugs: 60,
      testrCredits: 100,
      sandbox: false,
    });
    expect(config.token).toBeUndefined();
  });

  it('reads .env from the working directory, env beats it, flags beat both', () => {
    const cwd = withEnvFile('HTTP_TIMEOUT_SECONDS=11\nCACHE_TTL_BUGS=12\nCACHE_TTL_TESTS=13\nTESTIO_CUSTOMER_API_TOKEN=from-file-token\n');
    const config = loadConfig({ cwd, env: { CACHE_TTL_BUGS: '22', CACHE_TTL_TESTS: '23' }, flags: { 'cache-ttl-tests': '33' } });
    expect(config.httpTimeoutSeconds).toBe(11);
    expect(config.cacheTtlBugs).toBe(22);
    expect(config.cacheTtlTests).toBe(33);
    expect(config.token).toBe('from-file-token');
  });

  it('reads an explicit --env-file and refuses a missing one by name', () => {
    const dir = withEnvFile('LOG_LEVEL=debug\n');
    expect(loadConfig({ env: {}, cwd: noFile, envFile: path.join(dir, '.env') }).logLevel).toBe('DEBUG');
    expect(() => loadConfig({ env: {}, cwd: noFile, envFile: '/no/such/file.env' })).toThrow(/--env-file: .*does not exist/);
  });

  it.each([
    ['max-concurrent-requests', '0', /--max-concurrent-requests: must be a whole number from 1 to 50/],
    ['max-concurrent-requests', '51', /1 to 50/],
    ['connection-pool-size', '0', /--connection-pool-size: must be a whole number from 1 to 100/],
    ['connection-pool-size', '101', /1 to 100/],
    ['http-timeout', '0', /--http-timeout: must be a whole number from 1 to 300/],
    ['http-timeout', '301', /1 to 300/],
    ['http-timeout', 'abc', /--http-timeout.*"abc"/],
    ['cache-ttl-products', '-1', /--cache-ttl-products: must be a whole number from 0/],
    ['cache-ttl-tests', '1.5', /--cache-ttl-tests/],
    ['cache-ttl-bugs', 'x', /--cache-ttl-bugs/],
    ['log-level', 'LOUD', /--log-level: must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL/],
    ['log-format', 'xml', /--log-format: must be one of json, text/],
  ])('refuses --%s %s naming the flag and the allowed values', (flag, value, pattern) => {
    expect(() => loadConfig({ flags: { [flag]: value }, env: {}, cwd: noFile })).toThrow(pattern);
  });

  it('names the variable and its source for bad environment values', () => {
    expect(() => loadConfig({ env: { MAX_CONCURRENT_API_REQUESTS: '99' }, cwd: noFile })).toThrow(
      /Invalid MAX_CONCURRENT_API_REQUESTS \(environment\): must be a whole number from 1 to 50 \(got "99"\)/,
    );
    const cwd = withEnvFile('CONNECTION_POOL_MAX_KEEPALIVE=0\n');
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/CONNECTION_POOL_MAX_KEEPALIVE \(env file\)/);
    expect(() => loadConfig({ env: { TESTIO_CUSTOMER_API_BASE_URL: 'ftp://x' }, cwd: noFile })).toThrow(/TESTIO_CUSTOMER_API_BASE_URL.*http\(s\)/);
  });

  it('refuses a base URL with a query string or fragment at start, saying what to use instead', () => {
    for (const raw of ['https://api.test.io/customer/v2?team=5', 'https://api.test.io/customer/v2#x']) {
      expect(() => loadConfig({ env: { TESTIO_CUSTOMER_API_BASE_URL: raw }, cwd: noFile })).toThrow(
        /Invalid TESTIO_CUSTOMER_API_BASE_URL \(environment\): must not contain a query string or fragment; use https:\/\/api\.test\.io\/customer\/v2/,
      );
    }
  });

  it('never echoes a secret value in an error', () => {
    let message = '';
    try {
      loadConfig({ env: { TESTR_LLM_BASE_URL: 'https://user:pw@llm.example' }, cwd: noFile });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/TESTR_LLM_BASE_URL.*must not contain credentials/);
    expect(message).not.toContain('pw');
  });

  it('parses tool lists as comma lists or JSON arrays, and refuses both lists at once', () => {
    expect(loadConfig({ env: { ENABLED_TOOLS: ' a, b ,c ' }, cwd: noFile }).enabledTools).toEqual(['a', 'b', 'c']);
    expect(loadConfig({ env: { DISABLED_TOOLS: '["x", "y"]' }, cwd: noFile }).disabledTools).toEqual(['x', 'y']);
    expect(() => loadConfig({ env: { DISABLED_TOOLS: '["x", 3]' }, cwd: noFile })).toThrow(/DISABLED_TOOLS.*JSON array of tool names/);
    expect(() => loadConfig({ env: { ENABLED_TOOLS: 'a', DISABLED_TOOLS: 'b' }, cwd: noFile })).toThrow(
      new ConfigError('ENABLED_TOOLS and DISABLED_TOOLS are both set. Set only one: ENABLED_TOOLS to allow a list, or DISABLED_TOOLS to hide a list.'),
    );
  });

  it('has a CLI flag for every setting interfaces.md lists, and none for credentials', () => {
    const flags = SETTINGS.filter((s) => s.flag).map((s) => s.flag).sort();
    expect(flags).toEqual(
      ['cache-ttl-bugs', 'cache-ttl-products', 'cache-ttl-tests', 'connection-pool-size', 'http-timeout', 'log-format', 'log-level', 'max-concurrent-requests', 'sandbox'].sort(),
    );
    for (const s of SETTINGS.filter((x) => x.secret)) expect(s.flag).toBeUndefined();
    expect(() => parseCli(['--token', 'abc'])).toThrow(/Unknown option '--token'.*testio-mcp --help/);
  });
});

describe('command line parsing', () => {
  it('defaults to serve and takes call positionals', () => {
    expect(parseCli([]).command).toBe('serve');
    expect(parseCli(['--sandbox']).settingFlags.sandbox).toBe('true');
    const call = parseCli(['call', 'get_test_status', '{"test_id":1}', '--json']);
    expect(call).toMatchObject({ command: 'call', positionals: ['get_test_status', '{"test_id":1}'], json: true });
  });
  it('refuses sandbox flags outside the sandbox and unknown commands', () => {
    expect(() => parseCli(['--port', '3000'])).toThrow(/--port only applies to "testio-mcp sandbox" or together with --sandbox/);
    expect(parseCli(['sandbox', '--port', '0']).sandboxFlags.port).toBe('0');
    expect(() => parseCli(['serve', 'extra'])).toThrow(/Unknown command "extra"/);
  });
});
