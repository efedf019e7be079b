/**
 * TOOLSETS, READ_ONLY and their combination with ENABLED_TOOLS / DISABLED_TOOLS, through a real
 * client on the real server (tools/list and tools/call), plus a key's own toolsets.
 */
import { localCaller } from '../../src/platform/caller.js';
import { startHarness } from '../helpers/harness.js';

const TESTR = ['cancel-test-run', 'create-test-definition', 'get-test-definition', 'get-test-run-status', 'list-test-definitions', 'start-test-run'];
const ADMIN = ['clear_cache', 'get_cache_stats', 'get_server_diagnostics', 'sync_data'];
const WRITE = ['accept_bug', 'create_exploratory_test', 'launch_exploratory_test', 'mark_bug_exported', 'mark_bug_fixed', 'mark_bug_known', 'reject_bug'];

async function listed(env: Record<string, string>): Promise<{ names: string[]; toolsets: string[] }> {
  const h = await startHarness({ env });
  try {
    return { names: (await h.client.listTools()).tools.map((t) => t.name), toolsets: h.app.toolsets };
  } finally {
    await h.close();
  }
}

describe('toolsets', () => {
  it('serves every toolset but testio-write by default, each tool in its own', async () => {
    const h = await startHarness();
    try {
      expect(h.app.toolsets).not.toContain('testio-write');
      expect(h.app.toolsets).toEqual(expect.arrayContaining(['testio', 'testr', 'admin']));
      const byName = new Map(h.app.tools.map((t) => [t.name, t.toolset]));
      expect(TESTR.map((n) => byName.get(n))).toEqual(TESTR.map(() => 'testr'));
      expect(ADMIN.map((n) => byName.get(n))).toEqual(ADMIN.map(() => 'admin'));
      expect(byName.get('get_test_status')).toBe('testio');
    } finally {
      await h.close();
    }
  });

  it('serves the write tools only when asked for: TESTIO_WRITE_TOOLS=true or the testio-write toolset named', async () => {
    const byDefault = await listed({});
    expect(byDefault.names.filter((n) => WRITE.includes(n))).toEqual([]);
    const flagged = await listed({ TESTIO_WRITE_TOOLS: 'true' });
    expect(flagged.names.filter((n) => WRITE.includes(n))).toEqual(WRITE);
    expect(flagged.names.length).toBe(byDefault.names.length + WRITE.length);
    expect((await listed({ TOOLSETS: 'testio-write' })).names).toEqual(WRITE);
    // The setting adds its toolset to a TOOLSETS list too.
    expect((await listed({ TOOLSETS: 'admin', TESTIO_WRITE_TOOLS: 'true' })).names).toEqual([...ADMIN, ...WRITE].sort((a, b) => a.localeCompare(b)));
    // READ_ONLY wins: no write tool, whatever asked for them.
    expect((await listed({ TOOLSETS: 'testio-write,admin', READ_ONLY: 'true' })).names).toEqual(ADMIN.filter((n) => n !== 'clear_cache'));
    expect((await listed({ TESTIO_WRITE_TOOLS: 'true', READ_ONLY: 'true' })).names.filter((n) => WRITE.includes(n))).toEqual([]);
    expect((await listed({ TESTIO_WRITE_TOOLS: 'true', ENABLED_TOOLS: 'accept_bug,get_test_bugs' })).names).toEqual(['accept_bug', 'get_test_bugs']);
    await expect(startHarness({ env: { ENABLED_TOOLS: 'accept_bug' } })).rejects.toThrow(
      'ENABLED_TOOLS names "accept_bug", but it is in the "testio-write" toolset, which is not served (served: admin, custom, testio, testio-analytics, testr); add testio-write to TOOLSETS or set TESTIO_WRITE_TOOLS=true.',
    );
    await expect(startHarness({ env: { TESTIO_WRITE_TOOLS: 'true', READ_ONLY: 'true', ENABLED_TOOLS: 'reject_bug' } })).rejects.toThrow(/"reject_bug", but READ_ONLY=true serves only read-only tools/);
  });

  it('TOOLSETS serves only the named toolsets', async () => {
    expect((await listed({ TOOLSETS: 'testr' })).names).toEqual(TESTR);
    expect((await listed({ TOOLSETS: 'admin, testr' })).names).toEqual([...ADMIN, ...TESTR].sort((a, b) => a.localeCompare(b)));
  });

  it('refuses an unknown toolset, listing the valid ones', async () => {
    await expect(startHarness({ env: { TOOLSETS: 'testr,tesio' } })).rejects.toThrow(
      /TOOLSETS names "tesio", which is no toolset\. Valid toolsets: admin, custom, testio, testio-analytics, testio-write, testr\./,
    );
  });

  it('READ_ONLY=true serves only tools whose readOnlyHint is true', async () => {
    const h = await startHarness({ env: { READ_ONLY: 'true' } });
    try {
      const tools = (await h.client.listTools()).tools;
      expect(tools.length).toBeGreaterThan(5);
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      expect(tools.map((t) => t.name)).not.toContain('clear_cache');
      const refused = await h.call('clear_cache');
      expect(refused.isError).toBe(true);
      expect(h.text(refused)).toMatch(/Unknown tool "clear_cache"/);
    } finally {
      await h.close();
    }
  });

  it('names narrow inside the toolsets: ENABLED_TOOLS and DISABLED_TOOLS apply after TOOLSETS', async () => {
    expect((await listed({ TOOLSETS: 'testr', ENABLED_TOOLS: 'start-test-run,get-test-run-status' })).names).toEqual(['get-test-run-status', 'start-test-run']);
    expect((await listed({ TOOLSETS: 'admin', DISABLED_TOOLS: 'clear_cache' })).names).toEqual(ADMIN.filter((n) => n !== 'clear_cache'));
    // A disabled tool the toolsets already exclude is simply not served.
    expect((await listed({ TOOLSETS: 'admin', DISABLED_TOOLS: 'start-test-run' })).names).toEqual(ADMIN);
  });

  it('says so when ENABLED_TOOLS names a tool the toolsets or READ_ONLY exclude; typos are still refused', async () => {
    await expect(startHarness({ env: { TOOLSETS: 'testr', ENABLED_TOOLS: 'start-test-run,get_test_status' } })).rejects.toThrow(
      'ENABLED_TOOLS names "get_test_status", but it is in the "testio" toolset, which is not served (served: testr); add testio to TOOLSETS.',
    );
    await expect(startHarness({ env: { READ_ONLY: 'true', ENABLED_TOOLS: 'clear_cache' } })).rejects.toThrow(
      'ENABLED_TOOLS names "clear_cache", but READ_ONLY=true serves only read-only tools and this one changes data; unset READ_ONLY to serve it.',
    );
    await expect(startHarness({ env: { TOOLSETS: 'testr', ENABLED_TOOLS: 'start-tset-run' } })).rejects.toThrow(/ENABLED_TOOLS names "start-tset-run", which matches no tool\. Valid names: /);
    await expect(startHarness({ env: { TOOLSETS: 'testr', ENABLED_TOOLS: 'a', DISABLED_TOOLS: 'b' } })).rejects.toThrow(/ENABLED_TOOLS and DISABLED_TOOLS are both set/);
  });

  it("a key's toolsets narrow inside what the server serves, never wider", async () => {
    const h = await startHarness({ env: { TOOLSETS: 'testio,admin' }, caller: (config) => ({ ...localCaller(config.token), tools: undefined }) });
    try {
      const admin = h.app.toolsForToolsets(['admin']);
      expect([...admin].sort()).toEqual(ADMIN);
      // testr is not served by this server: the key gets nothing from it.
      expect([...h.app.toolsForToolsets(['testr', 'admin'])].sort()).toEqual(ADMIN);
      expect(() => h.app.toolsForToolsets(['admn'])).toThrow(/--toolsets names "admn", which is no toolset\. Valid toolsets: admin, /);
      // As the team server would use it: the caller's tools.
      const keyed = await startHarness({ env: { TOOLSETS: 'testio,admin' }, caller: (config) => ({ ...localCaller(config.token), tools: admin }) });
      try {
        expect((await keyed.client.listTools()).tools.map((t) => t.name)).toEqual(ADMIN);
        expect(keyed.text(await keyed.call('get_test_status', { test_id: 1 }))).toMatch(/Unknown tool "get_test_status"/);
      } finally {
        await keyed.close();
      }
    } finally {
      await h.close();
    }
  });
});
