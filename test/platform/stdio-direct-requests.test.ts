/**
 * The guarded stdio transport hands requests straight to the SDK's request dispatcher
 * (src/cli/direct-requests.ts) and everything else to the SDK's own path: requests, notifications,
 * responses to the server's own requests and refused lines all still work, over real streams.
 */
import { PassThrough } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { GuardedStdioTransport } from '../../src/cli/stdio-transport.js';
import { createLogger } from '../../src/platform/logger.js';
import { withSerialized } from '../../src/platform/serialized-answer.js';

interface Wire {
  write(message: object | string): void;
  next(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

function wire(stdin: PassThrough, stdout: PassThrough): Wire {
  const seen: Array<Record<string, unknown>> = [];
  let buffer = '';
  const waiters: Array<() => void> = [];
  stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      seen.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
      buffer = buffer.slice(nl + 1);
    }
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    write: (message) => stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`),
    next: async (predicate) => {
      for (;;) {
        const index = seen.findIndex(predicate);
        if (index >= 0) return seen.splice(index, 1)[0];
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

describe('guarded stdio transport: requests go to the SDK dispatcher directly', () => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const io = wire(stdin, stdout);
  const mcp = new McpServer({ name: 'direct', version: '0.0.0' }, { capabilities: { tools: {} } });
  mcp.registerTool('shout', { description: 'Upper-cases', inputSchema: { text: z.string() } }, ({ text }) => ({ content: [{ type: 'text', text: text.toUpperCase() }] }));
  const transport = new GuardedStdioTransport({ stdin, stdout, logger: createLogger({ level: 'CRITICAL', format: 'json', secrets: () => [] }) });
  let initialized = false;
  mcp.server.oninitialized = () => (initialized = true);

  beforeAll(async () => {
    await mcp.connect(transport);
  });
  afterAll(() => mcp.close());

  it('finds the dispatcher in this SDK version (else the fast path would be silently off)', () => {
    expect(transport.dispatchRequestsTo(mcp.server)).toBe(true);
  });

  it('answers requests, takes notifications, and delivers responses to the server', async () => {
    io.write({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 't', version: '0' } } });
    expect((await io.next((m) => m.id === 1)).result).toMatchObject({ serverInfo: { name: 'direct' } });
    io.write({ jsonrpc: '2.0', method: 'notifications/initialized' });
    io.write({ jsonrpc: '2.0', id: 'call-2', method: 'tools/call', params: { name: 'shout', arguments: { text: 'hi' } } });
    expect((await io.next((m) => m.id === 'call-2')).result).toMatchObject({ content: [{ type: 'text', text: 'HI' }] });
    expect(initialized).toBe(true);

    // The server's own request (a ping) is answered by the client: that response takes the SDK path.
    const pinged = mcp.server.ping();
    const ping = await io.next((m) => m.method === 'ping');
    io.write({ jsonrpc: '2.0', id: ping.id as number, result: {} });
    await expect(pinged).resolves.toEqual({});
  });

  it('still validates: bad params, unknown methods and malformed lines get their errors', async () => {
    io.write({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'shout', arguments: { text: 7 } } });
    const bad = await io.next((m) => m.id === 3);
    expect(JSON.stringify(bad)).toMatch(/text/);
    io.write({ jsonrpc: '2.0', id: 4, method: 'no/such/method' });
    expect((await io.next((m) => m.id === 4)).error).toMatchObject({ code: -32601 });
    io.write({ jsonrpc: '2.0', id: 5, method: 'tools/call', result: {} });
    expect((await io.next((m) => m.id === 5)).error).toMatchObject({ code: -32600 });
    io.write('{not json');
    expect((await io.next((m) => (m.error as { code?: number } | undefined)?.code === -32700)).id).toBeUndefined();
  });

  it('writes a result that carries its JSON (a repeated answer) as that JSON, under the request id', async () => {
    const carried = { content: [{ type: 'text', text: 'as kept\n"quoted"' }], structuredContent: { n: 1 } };
    await transport.send({ jsonrpc: '2.0', id: 'memo-1', result: withSerialized({ content: [] }, JSON.stringify(carried)) });
    expect(await io.next((m) => m.id === 'memo-1')).toEqual({ jsonrpc: '2.0', id: 'memo-1', result: carried });
    // Anything else is serialised as it is.
    await transport.send({ jsonrpc: '2.0', id: 9, result: { content: [] } });
    expect(await io.next((m) => m.id === 9)).toEqual({ jsonrpc: '2.0', id: 9, result: { content: [] } });
  });
});
