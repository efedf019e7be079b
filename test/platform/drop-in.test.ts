/**
 * The drop-in path, as a user lives it: a copy of the installed package (dist/, plugins/, src/),
 * a new folder dropped into its plugins/, a restart from another working directory. The new tool
 * is CONTRIBUTING.md's worked example, copied from the page itself.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ROOT, assertBuilt, childEnv } from '../helpers/stdio.js';

function exampleFromContributing(): string {
  const page = readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');
  const block = page.match(/<!-- example-tool:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example-tool:end -->/);
  if (!block) throw new Error('CONTRIBUTING.md lost its example-tool block');
  return block[1];
}

describe('dropping a plugin folder into an installed package', () => {
  let install: string;

  beforeAll(() => {
    assertBuilt();
    install = mkdtempSync(path.join(tmpdir(), 'testio-mcp-install-'));
    for (const entry of ['package.json', 'dist', 'plugins', 'src']) {
      cpSync(path.join(ROOT, entry), path.join(install, entry), { recursive: true, preserveTimestamps: true, filter: (src) => !src.endsWith('.test.ts') });
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(install, 'node_modules'), 'dir');
    mkdirSync(path.join(install, 'plugins', 'count_open_bugs'));
    writeFileSync(path.join(install, 'plugins', 'count_open_bugs', 'tool.ts'), exampleFromContributing());
    mkdirSync(path.join(install, 'plugins', 'half_written'));
    writeFileSync(path.join(install, 'plugins', 'half_written', 'tool.ts'), 'export default { name: "half_written", title: ');
  });

  afterAll(() => rmSync(install, { recursive: true, force: true }));

  it('serves the new TypeScript tool after a restart, with no rebuild, and skips the broken one by name', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(install, 'dist', 'src', 'cli', 'main.js'), '--sandbox'],
      env: childEnv(),
      cwd: '/',
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const client = new Client({ name: 'drop-in-test', version: '0' });
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('count_open_bugs');
      expect(names).toContain('get_test_status');
      expect(names).not.toContain('half_written');
      const result = await client.callTool({ name: 'count_open_bugs', arguments: { test_id: '109363' } });
      expect(result.isError).toBeFalsy();
      const out = result.structuredContent as { open_bugs: number; total_bugs: number };
      expect(out.total_bugs).toBeGreaterThanOrEqual(25);
      expect(out.open_bugs).toBeGreaterThan(0);
      expect(out.open_bugs).toBeLessThan(out.total_bugs);
      expect(stderr).toContain(path.join('plugins', 'half_written', 'tool.ts'));
    } finally {
      await client.close();
    }
  });
});
