/**
 * Two callers with different TestIO tokens on one process (as on the team server): each call
 * runs with its caller's token, answers and cache entries never cross, the other tenant's token
 * never shows. Against the real sandbox, which accepts only its own token: one caller has it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { localCaller, tenantIdOf, type Caller } from '../../src/platform/caller.js';
import type { CacheReport } from '../../src/testio/services/cache-service.js';
import type { Harness } from '../helpers/harness.js';
import { startToolHarness, structured } from './tool-harness.js';

const WRONG_TOKEN = 'tok_of_another_tenant_0123456789';

describe('two tenants on one server', () => {
  let h: Harness;
  const clients: Client[] = [];

  async function connect(caller: Caller) {
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'tenant-test', version: '0' });
    await h.app.connect(serverTransport, caller);
    await client.connect(clientTransport);
    clients.push(client);
    return async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;
  }
  const text = (result: CallToolResult) => (result.content[0] as { text: string }).text;

  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await h.close();
  });

  it('keeps answers, cache entries and tokens apart', async () => {
    const valid = await connect({ userId: 'alice', testioToken: h.sandbox!.token, tenantId: tenantIdOf(h.sandbox!.token) });
    const other = await connect({ userId: 'bob', testioToken: WRONG_TOKEN, tenantId: tenantIdOf(WRONG_TOKEN) });

    const answered = await valid('get_test_status', { test_id: 109363 });
    expect(answered.isError).toBeFalsy();
    const requestsAfterValid = h.sandbox!.stats().requests;

    // The same question from the other tenant goes upstream with its own token and is refused:
    // the first tenant's cached answer is not served to it.
    const refused = await other('get_test_status', { test_id: 109363 });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/401|token|unauthori[sz]ed/i);
    expect(h.sandbox!.stats().requests).toBeGreaterThan(requestsAfterValid);
    expect(JSON.stringify(refused)).not.toContain(h.sandbox!.token);
    expect(JSON.stringify(refused)).not.toContain(WRONG_TOKEN);

    const validStats = structured<CacheReport>(await valid('get_cache_stats'));
    const otherStats = structured<CacheReport>(await other('get_cache_stats'));
    expect(validStats.overall.entries).toBeGreaterThan(0);
    expect(otherStats.overall.entries).toBe(0);
    expect(otherStats.overall.hits).toBe(0);

    // Clearing one tenant's cache leaves the other's.
    await other('clear_cache');
    expect(structured<CacheReport>(await valid('get_cache_stats')).overall.entries).toBe(validStats.overall.entries);

    // A second connection with the same token is the same tenant: a cache hit, no new request.
    const again = await connect({ userId: 'alice-laptop', testioToken: h.sandbox!.token, tenantId: tenantIdOf(h.sandbox!.token) });
    const before = h.sandbox!.stats().requests;
    const cached = await again('get_test_status', { test_id: 109363 });
    expect(structured(cached)).toEqual(structured(answered));
    expect(h.sandbox!.stats().requests).toBe(before);
  });

  it('gives each call its caller in ctx.caller', async () => {
    const ctx = await h.app.contextFor(localCaller('tok_local_123456'));
    expect(ctx.caller).toEqual(localCaller('tok_local_123456'));
    expect(ctx.caller.tenantId).not.toContain('tok_local');
    // @ts-expect-error the raw HTTP client is the area's internal, not on the tool-facing context
    expect(typeof ctx.testioHttp).toBe('object');
  });
});
