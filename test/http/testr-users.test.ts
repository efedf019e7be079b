/**
 * Testr over the team server, two users with their own keys (SDK Client over Streamable HTTP,
 * real runs in Chromium against the sandbox demo site): one user's definition, run and recording
 * ids read as not found for the other, exactly like ids that do not exist, and balances are apart
 * (a key's --credits opens its user's balance).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { RunStatusOutput } from '../../src/testr/tool-schemas.js';
import { connectClient, startTestServer, type TestServer } from './helpers.js';

const TIMEOUT_MS = 180_000;

let server: TestServer;
let ann: Client;
let ben: Client;

beforeAll(async () => {
  server = await startTestServer({ env: { TESTR_CREDITS: '50' } });
  const keyA = server.keys.add({ user: 'ann', credits: 20 }).key;
  const keyB = server.keys.add({ user: 'ben' }).key;
  ann = (await connectClient(server.url, { authorization: `Bearer ${keyA}` })).client;
  ben = (await connectClient(server.url, { authorization: `Bearer ${keyB}` })).client;
}, TIMEOUT_MS);
afterAll(async () => {
  await ann?.close();
  await ben?.close();
  await server?.close();
}, TIMEOUT_MS);

const call = (client: Client, name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
const text = (result: CallToolResult) => result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');

async function ok<T>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const result = await call(client, name, args);
  if (result.isError) throw new Error(`${name}: ${text(result)}`);
  return result.structuredContent as T;
}

/** The error text of a refused call, with `id` written as ID so a foreign and a missing id compare. */
async function refusal(client: Client, name: string, args: Record<string, unknown>, id: string): Promise<string> {
  const result = await call(client, name, args);
  expect(result.isError).toBe(true);
  return text(result).replaceAll(id, 'ID');
}

async function runToEnd(client: Client, testDefinitionId: string): Promise<RunStatusOutput> {
  const { testRunId } = await ok<{ testRunId: string }>(client, 'start-test-run', { testDefinitionId });
  const deadline = Date.now() + TIMEOUT_MS - 20_000;
  for (;;) {
    const run = await ok<RunStatusOutput>(client, 'get-test-run-status', { testRunId });
    if (run.status !== 'pending' && run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run ${testRunId} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const MISSING = randomUUID();

describe('Testr ids of one user are invisible to the other', () => {
  it('definitions, runs, recordings and balances stay with their user', async () => {
    const target = `${server.sandbox.url}/demo/`;
    const { testDefinitionId: annDef } = await ok<{ testDefinitionId: string }>(ann, 'create-test-definition', {
      name: 'Ann signs up',
      targetUrl: target,
      testType: 'step',
      steps: ['click the "Sign Up" button', 'verify that "Create your account" is visible'],
    });
    const { testDefinitionId: benDef } = await ok<{ testDefinitionId: string }>(ben, 'create-test-definition', {
      name: 'Ben looks',
      targetUrl: target,
      testType: 'step',
      steps: ['verify that "Sign Up" is visible'],
    });

    // Lists: each sees only their own.
    expect((await ok<{ definitions: Array<{ id: string }> }>(ann, 'list-test-definitions', {})).definitions.map((d) => d.id)).toEqual([annDef]);
    expect((await ok<{ definitions: Array<{ id: string }> }>(ben, 'list-test-definitions', {})).definitions.map((d) => d.id)).toEqual([benDef]);

    // Ann's definition, to Ben, is exactly a definition that does not exist.
    const missingDefinition = await refusal(ben, 'get-test-definition', { id: MISSING }, MISSING);
    expect(missingDefinition).toMatch(/Test definition not found/);
    expect(await refusal(ben, 'get-test-definition', { id: annDef }, annDef)).toBe(missingDefinition);
    expect(await refusal(ben, 'start-test-run', { testDefinitionId: annDef }, annDef)).toBe(await refusal(ben, 'start-test-run', { testDefinitionId: MISSING }, MISSING));

    const annRun = await runToEnd(ann, annDef);
    expect(annRun).toMatchObject({ status: 'completed', credits_used: 2, credits_remaining: 18 });
    const benRun = await runToEnd(ben, benDef);
    expect(benRun).toMatchObject({ status: 'completed', credits_used: 1, credits_remaining: 49 });

    // Ann's run and its recording, to Ben, are runs that do not exist.
    const missingRun = await refusal(ben, 'get-test-run-status', { testRunId: MISSING }, MISSING);
    expect(missingRun).toMatch(/Test run not found/);
    expect(await refusal(ben, 'get-test-run-status', { testRunId: annRun.id }, annRun.id)).toBe(missingRun);
    const annUri = `testr://recordings/run-${annRun.id}.gif`;
    expect((await ann.listResources()).resources.map((r) => r.uri)).toContain(annUri);
    expect((await ben.listResources()).resources.map((r) => r.uri)).not.toContain(annUri);
    const foreign = await ben.readResource({ uri: annUri }).then(
      () => 'read',
      (error: Error) => error.message.replaceAll(annRun.id, 'ID'),
    );
    const missing = await ben.readResource({ uri: `testr://recordings/run-${MISSING}.gif` }).then(
      () => 'read',
      (error: Error) => error.message.replaceAll(MISSING, 'ID'),
    );
    expect(foreign).not.toBe('read');
    expect(foreign).toBe(missing);
    expect((await ann.readResource({ uri: annUri })).contents[0]).toMatchObject({ mimeType: 'image/gif' });

    // Balances moved apart: Ann's from her key's 20, Ben's from TESTR_CREDITS.
    expect((await ok<RunStatusOutput>(ann, 'get-test-run-status', { testRunId: annRun.id })).credits_remaining).toBe(18);
    expect((await ok<RunStatusOutput>(ben, 'get-test-run-status', { testRunId: benRun.id })).credits_remaining).toBe(49);
  }, TIMEOUT_MS);
});
