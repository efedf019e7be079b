import { loadConfig, ConfigError } from '../../src/platform/config.js';

describe('config precedence', () => {
  it('flags win over env, env over env file, env file over defaults', () => {
    const config = loadConfig({ flags: { 'http-timeout': '5' }, env: { HTTP_TIMEOUT_SECONDS: '7', CACHE_TTL_BUGS: '9' }, cwd: '/nonexistent' });
    expect(config.httpTimeoutSeconds).toBe(5);
    expect(config.cacheTtlBugs).toBe(9);
    expect(config.cacheTtlTests).toBe(300);
  });
  it('names the flag and the range on a bad value', () => {
    expect(() => loadConfig({ flags: { 'max-concurrent-requests': '0' }, env: {}, cwd: '/nonexistent' })).toThrow(ConfigError);
    expect(() => loadConfig({ flags: { 'max-concurrent-requests': '0' }, env: {}, cwd: '/nonexistent' })).toThrow(/--max-concurrent-requests.*1 to 50/);
  });
});
