import { asValue, createContainer, InjectionMode } from 'awilix';
import { createSilentLogger } from '../../src/platform/logger.js';
import { TestioApi } from '../../src/testio/data/api.js';
import { registerTestioData, type TestioDataCradle } from '../../src/testio/data/register.js';
import { makeConfig } from './helpers.js';

describe('registerTestioData', () => {
  it('registers one client, one cache and one API, and closes the pool on dispose', async () => {
    const container = createContainer<TestioDataCradle & { config: unknown; logger: unknown }>({ injectionMode: InjectionMode.PROXY, strict: true });
    container.register({ config: asValue(makeConfig()), logger: asValue(createSilentLogger()) });
    registerTestioData(container);
    const api = container.resolve('testioApi');
    expect(api).toBeInstanceOf(TestioApi);
    expect(container.resolve('testioApi')).toBe(api);
    const http = container.resolve('testioHttp');
    expect(container.resolve('testioHttp')).toBe(http);
    expect(api.requestCount()).toBe(0);
    const close = http.close.bind(http);
    let closed = 0;
    http.close = async () => {
      closed += 1;
      await close();
    };
    await container.dispose();
    expect(closed).toBe(1);
  });
});
