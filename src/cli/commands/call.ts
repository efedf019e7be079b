/**
 * `testio-mcp call TOOL '<json>' [--json]`: runs one tool in-process through a real MCP client, so
 * the answer is exactly what an assistant would get. Exit 1 when the result is an error.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ConfigError } from '../../platform/config.js';
import { COMPOSITION } from '../../areas.js';
import { createApp, type App } from '../../platform/app.js';
import { localCaller, type Caller } from '../../platform/caller.js';
import { terminalJson, terminalSafe } from '../../platform/untrusted-text.js';
import type { Runtime } from '../runtime.js';

function parseArguments(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ConfigError(`The tool arguments are not valid JSON. Pass one JSON object, e.g. '{"test_id": 109363}'.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`The tool arguments must be a JSON object, e.g. '{"test_id": 109363}'.`);
  }
  return value as Record<string, unknown>;
}

/** A one-shot process would cancel the run it just started on exit: wait for it instead. */
async function waitForTestRuns(app: App, caller: Caller): Promise<void> {
  console.error('Waiting for the test run to finish (Ctrl+C cancels it and refunds unused credits)...');
  await (await app.contextFor(caller)).testr.idle();
  console.error('The run has finished: see its results with get-test-run-status.');
}

export async function callTool(runtime: Runtime, positionals: string[], json: boolean): Promise<number> {
  const [name, rawArgs, extra] = positionals;
  if (!name) throw new ConfigError('Name the tool to call: testio-mcp call TOOL \'{"arg": "value"}\'. List tools with "testio-mcp tools".');
  if (extra !== undefined) throw new ConfigError('Pass the tool arguments as one quoted JSON object.');
  const args = parseArguments(rawArgs);

  const caller = localCaller(runtime.config.token);
  const app = await createApp({ ...COMPOSITION, config: runtime.config, logger: runtime.logger });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'testio-mcp-cli', version: app.version });
  try {
    await app.connect(serverTransport, caller);
    await client.connect(clientTransport);
    const result = await client.callTool({ name, arguments: args });
    if (json) {
      console.log(terminalJson(result, 2));
    } else {
      const blocks = (result.content as Array<{ type: string; text?: string }>) ?? [];
      // The text is safe already unless a plugin built it by hand: this is a terminal.
      console.log(terminalSafe(blocks.map((b) => (b.type === 'text' ? b.text : `[${b.type}]`)).join('\n\n')));
    }
    if (name === 'start-test-run' && !result.isError) await waitForTestRuns(app, caller);
    return result.isError ? 1 : 0;
  } finally {
    await client.close().catch(() => undefined);
    await app.close(0);
  }
}
