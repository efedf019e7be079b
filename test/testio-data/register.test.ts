import { asValue, type AwilixContainer } from 'awilix';
import { createAppContainer } from '../../src/platform/container.js';
import { localCaller } from '../../src/platform/caller.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { TestioApi } from '../../src/testio/data/api.js';
import { registerTestioData, type TestioDataCradle } from '../../src/testio/data/register.js';
import { makeConfig } from './helpers.js';

describe('registerTestioData', () => {
  it('registers one client and one tenant registry; a call scope gets its caller\'s tenant; dispose closes the pool', async () => {
    // The platform's own container (config, logger, version, shared state), as the app builds it.
    const container = createAppContainer(makeConfig(), createSilentLogger(), '0.0.0') as unknown as AwilixContainer<TestioDataCradle>;
    registerTestioData(container);
    const http = container.resolve('testioHttp');
    expect(container.resolve('testioHttp')).toBe(http);

    const scope = (token: string) => {
      const s = container.createScope();
      s.register({ caller: asValue(localCaller(token)) });
      return s;
    };
    const a = scope('token-a').resolve('testioTenant');
    expect(a.api).toBeInstanceOf(TestioApi);
    expect(scope('token-a').resolve('testioTenant')).toBe(a);
    const b = scope('token-b').resolve('testioTenant');
    expect(b).not.toBe(a);
    expect(b.tenantId).not.toBe(a.tenantId);
    expect(a.api.requestCount()).toBe(0);

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
