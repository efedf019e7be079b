/**
 * The drop-in path, as a user lives it: a copy of the installed package (dist/, plugins/, src/),
 * a new folder dropped into its plugins/, a restart from another working directory. The new tool
 * is CONTRIBUTING.md's worked example, copied from the page itself. The built-in tools are listed
 * from the tool index there, so the index's fallbacks are checked on the same copy.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
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

  async function connect(env: Record<string, string> = {}) {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(install, 'dist', 'src', 'cli', 'main.js'), '--sandbox'],
      env: childEnv(env),
      cwd: '/',
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const client = new Client({ name: 'drop-in-test', version: '0' });
    await client.connect(transport);
    return { client, stderr: () => stderr };
  }

  it('serves the new TypeScript tool after a restart, with no rebuild, and skips the broken one by name', async () => {
    const { client, stderr } = await connect();
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
      expect(stderr()).toContain(path.join('plugins', 'half_written', 'tool.ts'));
    } finally {
      await client.close();
    }
  });

  it('lists an indexed tool that fails to import on this machine, and answers its calls with the reason', async () => {
    // A compiled built-in plugin that imports fine at build time and throws when imported here.
    mkdirSync(path.join(install, 'plugins', 'flaky_tool'));
    writeFileSync(path.join(install, 'plugins', 'flaky_tool', 'tool.ts'), '// compiled copy in dist/plugins/flaky_tool\n');
    utimesSync(path.join(install, 'plugins', 'flaky_tool', 'tool.ts'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    mkdirSync(path.join(install, 'dist', 'plugins', 'flaky_tool'));
    writeFileSync(
      path.join(install, 'dist', 'plugins', 'flaky_tool', 'tool.js'),
      `if (process.env.BREAK_FLAKY_TOOL) throw new Error('native module missing');
export default {
  name: 'flaky_tool', title: 'Flaky tool', description: 'Fails to import when BREAK_FLAKY_TOOL is set.', inputSchema: {},
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: () => 'imported fine',
};
`,
    );
    execFileSync(process.execPath, [path.join(install, 'dist', 'src', 'platform', 'write-tool-index.js')], { stdio: 'pipe' });

    const { client, stderr } = await connect({ BREAK_FLAKY_TOOL: '1' });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('flaky_tool');
      const failed = await client.callTool({ name: 'flaky_tool', arguments: {} });
      expect(failed.isError).toBe(true);
      expect((failed.content as Array<{ text: string }>)[0].text).toMatch(/The flaky_tool tool could not be loaded \(failed to load: native module missing\)\. The server is still running/);
      expect((await client.callTool({ name: 'get_valid_bug_filters', arguments: {} })).isError).toBeFalsy();
      expect(stderr()).toContain(path.join('dist', 'plugins', 'flaky_tool', 'tool.js'));
    } finally {
      await client.close();
    }
  });

  it('imports every plugin at start-up instead when a compiled file changed since the index was written', async () => {
    const compiled = path.join(install, 'dist', 'plugins', 'get_valid_bug_filters', 'tool.js');
    writeFileSync(compiled, readFileSync(compiled, 'utf8').replace("title: 'List the valid TestIO bug filters'", "title: 'Edited after the build'"));
    const { client } = await connect();
    try {
      const tool = (await client.listTools()).tools.find((t) => t.name === 'get_valid_bug_filters');
      expect(tool?.title).toBe('Edited after the build');
      expect((await client.callTool({ name: 'get_valid_bug_filters', arguments: {} })).isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});

