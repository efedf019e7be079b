/**
 * The baseline every benchmark figure is compared with: a bare SDK server on stdio with one echo
 * tool and nothing else (no config, no logger, no plugin discovery, no container).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'baseline', version: '0.0.0' }, { capabilities: { tools: {} } });

server.registerTool(
  'echo',
  { title: 'Echo', description: 'Echoes its message back.', inputSchema: { message: z.string() } },
  ({ message }) => ({ content: [{ type: 'text', text: message }], structuredContent: { message } }),
);

process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
await server.connect(new StdioServerTransport());
