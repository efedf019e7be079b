import path from 'node:path';
import { startHarness } from '../helpers/harness.js';
import { filterToolNames } from '../../src/platform/tool-filter.js';

const FIXTURES = path.resolve('test/fixtures/plugins');

describe('ENABLED_TOOLS / DISABLED_TOOLS', () => {
  it('serves only the enabled tools', async () => {
    const h = await startHarness({ pluginDirs: [FIXTURES], env: { ENABLED_TOOLS: 'echo' } });
    try {
      expect((await h.client.listTools()).tools.map((t) => t.name)).toEqual(['echo']);
      const result = await h.call('slow', { ms: 1 });
      expect(result.isError).toBe(true);
      expect(h.text(result)).toMatch(/Unknown tool "slow"\. Available tools: echo\./);
    } finally {
      await h.close();
    }
  });

  it('hides the disabled tools (JSON array form)', async () => {
    const h = await startHarness({ pluginDirs: [FIXTURES], env: { DISABLED_TOOLS: '["echo"]' } });
    try {
      expect((await h.client.listTools()).tools.map((t) => t.name)).toEqual(['slow']);
    } finally {
      await h.close();
    }
  });

  it('refuses to start on a name that matches no tool, listing the valid ones', async () => {
    await expect(startHarness({ pluginDirs: [FIXTURES], env: { ENABLED_TOOLS: 'echo, ecko' } })).rejects.toThrow(
      'ENABLED_TOOLS names "ecko", which matches no tool. Valid names: echo, slow.',
    );
    expect(() => filterToolNames(['a', 'b'], undefined, ['c', 'd'])).toThrow('DISABLED_TOOLS names "c", "d", which match no tool. Valid names: a, b.');
  });
});
