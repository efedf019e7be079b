/**
 * Registry-wide rules for every tool the package ships, and the tools/list snapshot: the public
 * surface clients see, one file per tool (test/platform/__snapshots__/tools/<name>.json), so a
 * change shows in the diff of the tool that changed. A new tool's file is written on its first run
 * (outside CI); update changed ones with `npm run test:unit -- -u test/platform/tools-registry`.
 * The listing is built by our registry (tool-listing.ts); here it is checked against the SDK's own
 * McpServer, and the built server (which lists from the tool index) against the in-process one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { registerAppTool } from '@modelcontextprotocol/ext-apps/server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { discoverTools } from '../../src/platform/plugin-loader.js';
import { toolSchemas } from '../../src/platform/tool-listing.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startStdioServer } from '../helpers/stdio.js';

/** As a client receives it: JSON, so `undefined` members are gone. */
const onTheWire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * The built-in tools are the plugin folders on disk (plugins/<name>/tool.ts, named like the tool):
 * one that fails to load, is left out of the listing or serves another name fails here; a deleted
 * folder leaves its snapshot file stale, which the snapshot test below refuses.
 */
const PLUGINS = path.resolve('plugins');
const BUILT_IN = readdirSync(PLUGINS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(PLUGINS, entry.name, 'tool.ts')))
  .map((entry) => entry.name);

describe('every shipped tool', () => {
  let h: Harness;
  let tools: Awaited<ReturnType<Harness['client']['listTools']>>['tools'];
  beforeAll(async () => {
    // Every shipped tool, the write tools included.
    h = await startHarness({ env: { TESTIO_WRITE_TOOLS: 'true' } });
    tools = (await h.client.listTools()).tools;
  });
  afterAll(() => h.close());

  it('loads without failures and serves every plugin folder\'s tool, under the folder\'s name, sorted', () => {
    expect(h.app.failures).toEqual([]);
    expect(BUILT_IN.length).toBeGreaterThanOrEqual(30);
    const names = tools.map((t) => t.name);
    expect(names).toEqual([...BUILT_IN].sort((a, b) => a.localeCompare(b)));
  });

  it('has a valid name, title, template description, all four hints and an outputSchema', () => {
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.title?.trim()).toBeTruthy();
      expect(tool.description!.length).toBeGreaterThanOrEqual(40);
      expect(tool.description!.length).toBeLessThanOrEqual(2048);
      expect(tool.description).toMatch(/Use this tool when you need to:/);
      expect(tool.description).toMatch(/Example/);
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof tool.annotations?.[hint]).toBe('boolean');
      }
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
    }
  });

  it('names its toolset', () => {
    const toolsets = new Map(h.app.tools.map((tool) => [tool.name, tool.toolset]));
    for (const tool of tools) expect(`${tool.name}: ${toolsets.get(tool.name)}`).toMatch(new RegExp(`^${tool.name}: (testio|testio-analytics|testio-write|testr|admin)$`));
  });

  it('has a test of its own', () => {
    for (const name of readdirSync(PLUGINS)) {
      expect(existsSync(path.join(PLUGINS, name, 'tool.test.ts')) ? name : `${name} has no plugins/${name}/tool.test.ts`).toBe(name);
    }
  });

  it('matches the checked-in tools/list snapshot, one file per tool', () => {
    const dir = path.resolve('test/platform/__snapshots__/tools');
    // `jest -u` sets this; the same switch as jest's own snapshots.
    const update = (expect.getState().snapshotState as unknown as { _updateSnapshot: string })._updateSnapshot === 'all';
    mkdirSync(dir, { recursive: true });
    for (const tool of tools) {
      const file = path.join(dir, `${tool.name}.json`);
      const listed = `${JSON.stringify(onTheWire(tool), null, 2)}\n`;
      if (update || (!existsSync(file) && !process.env.CI)) writeFileSync(file, listed);
      expect(existsSync(file) ? `${tool.name}: ${readFileSync(file, 'utf8')}` : `${tool.name}: no snapshot file ${file} (run once outside CI)`).toBe(`${tool.name}: ${listed}`);
    }
    const stale = readdirSync(dir).filter((file) => !tools.some((tool) => `${tool.name}.json` === file));
    if (update) for (const file of stale) rmSync(path.join(dir, file));
    else expect(stale.map((file) => `${file} belongs to no served tool (jest -u removes it)`)).toEqual([]);
  });

  it('lists every tool exactly as the SDK McpServer would', async () => {
    const { tools: loaded } = await discoverTools({ logger: createSilentLogger() });
    const sdk = new McpServer({ name: 'reference', version: '0' });
    for (const { definition } of loaded) {
      const { input, output } = toolSchemas(definition!);
      const config = { title: definition!.title, description: definition!.description, inputSchema: input, outputSchema: output, annotations: { title: definition!.title, ...definition!.annotations } };
      // Tools with an MCP App are registered the way the ext-apps server helper does it.
      if (definition!.app) registerAppTool(sdk, definition!.name, { ...config, _meta: { ui: { resourceUri: definition!.app } } }, () => ({ content: [] }));
      else sdk.registerTool(definition!.name, config, () => ({ content: [] }));
    }
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'reference-client', version: '0' });
    await Promise.all([sdk.connect(serverSide), client.connect(clientSide)]);
    try {
      expect(onTheWire(tools)).toEqual(onTheWire((await client.listTools()).tools));
    } finally {
      await client.close();
    }
  });

  it('is listed the same by the built server, which reads the tool index instead of importing plugins', async () => {
    const server = await startStdioServer([], { TESTIO_WRITE_TOOLS: 'true' });
    try {
      expect(onTheWire((await server.client.listTools()).tools)).toEqual(onTheWire(tools));
    } finally {
      await server.close();
    }
  });
});

