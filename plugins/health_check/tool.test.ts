import { localCaller } from '../../src/platform/caller.js';
import type { Harness } from '../../test/helpers/harness.js';
import { startToolHarness as startHarness } from '../../test/testio-tools/tool-harness.js';

describe('health_check', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sandbox: true });
  });
  afterAll(() => h.close());

  it('reports the sandbox reachable with latency, base URL and version, never the token', async () => {
    const result = await h.call('health_check');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      status: 'healthy',
      api_reachable: true,
      base_url: h.sandbox!.baseUrl,
      server_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect((result.structuredContent as { latency_ms: number }).latency_ms).toBeGreaterThanOrEqual(0);
    expect(h.text(result)).toContain('TestIO API reachable');
    expect(JSON.stringify(result)).not.toContain(h.sandbox!.token);
  });

  it('refuses unknown arguments', async () => {
    const result = await h.call('health_check', { verbose: true });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/Unknown parameter "verbose"/);
  });
});

describe('health_check without a token', () => {
  it('says TESTIO_CUSTOMER_API_TOKEN is not set', async () => {
    const h = await startHarness({ env: { TESTIO_CUSTOMER_API_BASE_URL: 'http://127.0.0.1:9/customer/v2' } });
    try {
      const result = await h.call('health_check');
      expect(result.isError).toBe(true);
      expect(h.text(result)).toMatch(/TESTIO_CUSTOMER_API_TOKEN/);
    } finally {
      await h.close();
    }
  });

  it('names the base URL when the token is refused', async () => {
    // The caller's token, not the configured one, is what a call uses.
    const h = await startHarness({ sandbox: true, caller: () => localCaller('wrong-token') });
    try {
      const result = await h.call('health_check');
      expect(result.isError).toBe(true);
      expect(h.text(result)).toContain(h.sandbox!.baseUrl);
      expect(h.text(result)).not.toContain('wrong-token');
    } finally {
      await h.close();
    }
  });
});
