/**
 * cancel-test-run over the team server with real Chromium runs (SDK Client over Streamable HTTP):
 * a run cancelled the moment it starts, while its browser is still being set up, and one cancelled
 * in the middle of a step both stop at once, end cancelled, and are refunded every step they did
 * not run. (A cancel during set-up once waited 5 s, answered "running", and the run went on.)
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, startTestServer, type TestServer } from './helpers.js';

const TIMEOUT_MS = 120_000;
let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer({ env: { TESTR_CREDITS: '50' } });
  client = (await connectClient(server.url)).client;
}, TIMEOUT_MS);
afterAll(async () => {
  await client?.close();
  await server?.close();
}, TIMEOUT_MS);

async function ok(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Record<string, unknown>;
}

async function startLongRun(): Promise<string> {
  const definition = await ok('create-test-definition', {
    name: 'Long wait',
    targetUrl: `${server.sandbox.url}/demo/`,
    testType: 'step',
    steps: ['wait 30 seconds', 'verify "Welcome" is visible'],
  });
  const run = await ok('start-test-run', { testDefinitionId: definition.testDefinitionId });
  return run.testRunId as string;
}

async function expectCancelledForGood(testRunId: string): Promise<void> {
  const status = await ok('get-test-run-status', { testRunId });
  expect(status).toMatchObject({ status: 'cancelled', credits_used: 0, error: 'cancelled with cancel-test-run' });
  expect((status.steps as Array<{ status: string }>).map((step) => step.status)).toEqual(['skipped', 'skipped']);
}

it('cancels a run the moment it starts, while its browser is being set up', async () => {
  const testRunId = await startLongRun();
  const cancelled = await ok('cancel-test-run', { testRunId });
  expect(cancelled).toMatchObject({ testRunId, status: 'cancelled', creditsUsed: 0, creditsRefunded: 2, creditsRemaining: 50 });
  await expectCancelledForGood(testRunId);
}, TIMEOUT_MS);

it('cancels a run in the middle of a step', async () => {
  const testRunId = await startLongRun();
  // The first live frame is taken once the target page is open: the wait step is then under way.
  let frame = false;
  for (let i = 0; i < 300 && !frame; i += 1) {
    frame = await client.readResource({ uri: `testr://runs/${testRunId}/live.png` }).then(
      () => true,
      () => false,
    );
    if (!frame) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(frame).toBe(true);
  const cancelled = await ok('cancel-test-run', { testRunId });
  expect(cancelled).toMatchObject({ testRunId, status: 'cancelled', creditsUsed: 0, creditsRefunded: 2 });
  await expectCancelledForGood(testRunId);
}, TIMEOUT_MS);
