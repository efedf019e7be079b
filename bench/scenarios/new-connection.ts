/**
 * New connection → tools/list answered, in-process (no process spawn, no stdio): what the team
 * server pays for every HTTP session, or every request in stateless mode. Our side builds the
 * app once, then per connection `app.connect(transport, caller)` + initialize + tools/list. The
 * baseline builds a bare SDK McpServer with one echo tool per connection; the note adds a bare
 * McpServer that registers the same tools per connection (it converts their zod schemas to JSON
 * Schema on every tools/list), which is what sharing the prepared listings saves.
 */
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { COMPOSITION, loadConfig } from '../../src/areas.js';
import { createApp } from '../../src/platform/app.js';
import { localCaller } from '../../src/platform/caller.js';
import type { AnyToolDefinition } from '../../src/platform/define-tool.js';
import { createSilentLogger } from '../../src/platform/logger.js';
import { loadPlugin } from '../../src/platform/plugin-loader.js';
import { toolSchemas } from '../../src/platform/tool-listing.js';
import type { Row } from '../lib/report.js';
import type { SandboxHandle } from '../lib/sandbox.js';
import { median } from '../lib/stats.js';

type Connect = (transport: InMemoryTransport) => Promise<{ close(): Promise<void> }>;

/** One connection: connect, initialize, tools/list answered; wall and CPU ms. */
async function once(connect: Connect): Promise<{ ms: number; cpuMs: number; tools: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const [client, server] = InMemoryTransport.createLinkedPair();
  const answers = new Map<unknown, (message: JSONRPCMessage) => void>();
  client.onmessage = (message) => answers.get((message as { id?: unknown }).id)?.(message);
  const mcp = await connect(server);
  await client.start();
  const ask = (id: number, method: string, params: Record<string, unknown>) =>
    new Promise<JSONRPCMessage>((resolve) => {
      answers.set(id, resolve);
      void client.send({ jsonrpc: '2.0', id, method, params });
    });
  await ask(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '0' } });
  const listed = (await ask(2, 'tools/list', {})) as unknown as { result: { tools: unknown[] } };
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await mcp.close();
  return { ms, cpuMs: (used.user + used.system) / 1000, tools: listed.result.tools.length };
}

const echoServer: Connect = async (transport) => {
  const mcp = new McpServer({ name: 'baseline', version: '0.0.0' }, { capabilities: { tools: {} } });
  mcp.registerTool('echo', { title: 'Echo', description: 'Echoes its message back.', inputSchema: { message: z.string() } }, ({ message }) => ({ content: [{ type: 'text', text: message }] }));
  await mcp.connect(transport);
  return mcp;
};

function sdkServerWith(definitions: AnyToolDefinition[]): Connect {
  return async (transport) => {
    const mcp = new McpServer({ name: 'reference', version: '0' });
    for (const definition of definitions) {
      const { input, output } = toolSchemas(definition);
      mcp.registerTool(definition.name, { title: definition.title, description: definition.description, inputSchema: input.shape, outputSchema: output?.shape, annotations: definition.annotations }, () => ({ content: [] }));
    }
    await mcp.connect(transport);
    return mcp;
  };
}

export async function newConnection(sandbox: SandboxHandle, runs: number): Promise<Row[]> {
  const config = loadConfig({ env: { TESTR_DATA_DIR: '/tmp/testio-bench-connection' }, cwd: '/tmp' });
  config.baseUrl = sandbox.baseUrl;
  config.token = sandbox.token;
  const app = await createApp({ ...COMPOSITION, config, logger: createSilentLogger() });
  const caller = localCaller(config.token);
  const ours: Connect = (transport) => app.connect(transport, caller);
  const definitions: AnyToolDefinition[] = [];
  for (const tool of app.tools) {
    const checked = await loadPlugin(tool.file);
    if (checked.ok) definitions.push(checked.definition);
  }
  const sameTools = sdkServerWith(definitions);
  try {
    // Warm both paths (JIT, first listing built) before timing.
    for (let i = 0; i < 20; i++) await Promise.all([once(ours), once(echoServer), once(sameTools)]);
    const samples = { ours: [] as number[], oursCpu: [] as number[], echo: [] as number[], echoCpu: [] as number[], same: [] as number[] };
    let tools = 0;
    for (let i = 0; i < runs; i++) {
      // Alternate so machine noise hits every side alike.
      const a = await once(ours);
      const b = await once(echoServer);
      const c = await once(sameTools);
      samples.ours.push(a.ms);
      samples.oursCpu.push(a.cpuMs);
      samples.echo.push(b.ms);
      samples.echoCpu.push(b.cpuMs);
      samples.same.push(c.ms);
      tools = a.tools;
    }
    return [
      {
        section: 'new connection (in-process)',
        metric: `connect → tools/list answered (${tools} tools)`,
        value: median(samples.ours),
        unit: 'ms',
        baseline: median(samples.echo),
        baselineLabel: 'bare SDK McpServer, 1 tool',
        note: `median of ${runs}; a bare McpServer registering the same ${definitions.length} tools per connection: ${median(samples.same).toFixed(2)} ms`,
      },
      {
        section: 'new connection (in-process)',
        metric: 'CPU time per connection',
        value: median(samples.oursCpu),
        unit: 'ms',
        baseline: median(samples.echoCpu),
        baselineLabel: 'bare SDK McpServer, 1 tool',
      },
    ];
  } finally {
    await app.close(0);
  }
}
