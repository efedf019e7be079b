/**
 * End to end with an outside client: the MCP Inspector CLI starts the built server over stdio,
 * lists its tools and calls one against the sandbox.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startHarness } from '../helpers/harness.js';
import { CLI, ROOT, assertBuilt, childEnv } from '../helpers/stdio.js';

const run = promisify(execFile);
const INSPECTOR = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'inspector', 'cli', 'build', 'cli.js');

async function inspector(...args: string[]): Promise<unknown> {
  assertBuilt();
  const { stdout } = await run(process.execPath, [INSPECTOR, '--cli', process.execPath, CLI, '--sandbox', ...args], { env: childEnv(), cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout);
}

describe('MCP Inspector CLI', () => {
  it('lists every tool with title, description and annotations', async () => {
    const { tools } = (await inspector('--method', 'tools/list')) as { tools: Array<{ name: string; title: string; description: string; annotations: Record<string, boolean> }> };
    // The same tools an in-process SDK client is served by default (write tools are off).
    const h = await startHarness();
    try {
      const served = (await h.client.listTools()).tools.map((t) => t.name);
      expect(tools.map((t) => t.name).sort()).toEqual(served.sort());
      expect(served.length).toBeGreaterThan(20);
    } finally {
      await h.close();
    }
    for (const tool of tools) {
      expect(tool.title).toBeTruthy();
      expect(tool.description.length).toBeGreaterThanOrEqual(40);
      expect(Object.keys(tool.annotations)).toEqual(expect.arrayContaining(['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']));
    }
  });

  it('calls get_test_status for test 109363 against the sandbox', async () => {
    const result = (await inspector('--method', 'tools/call', '--tool-name', 'get_test_status', '--tool-arg', 'test_id=109363')) as {
      isError?: boolean;
      structuredContent?: Record<string, unknown>;
      content: Array<{ text: string }>;
    };
    expect(result.isError).toBeFalsy();
    expect(result.content[0].text).toContain('109363');
    expect(result.structuredContent).toBeDefined();
  });
});
