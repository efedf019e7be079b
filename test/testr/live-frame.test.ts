/**
 * testr://runs/<runId>/live.png through a real MCP client: a real Chromium run against the sandbox
 * demo site serves its latest screenshot while it runs, and "resource not found" (-32002) once it
 * has ended (the recording takes over). Needs Chromium, like ./browser.test.ts.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { PNG } from 'pngjs';
import { localCaller } from '../../src/platform/caller.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { liveFrameUri } from '../../src/testr/resources.js';
import type { RunStatusOutput } from '../../src/testr/tool-schemas.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const BROWSER_TIMEOUT_MS = 180_000;

let sandbox: SandboxHandle;
let h: Harness;
/** Another user of the same server. */
let other: Client;

beforeAll(async () => {
  sandbox = await startSandbox({});
  h = await startHarness({ sharedSandbox: sandbox, env: { TESTR_CREDITS: '10' } });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await h.app.connect(serverTransport, { ...localCaller(), userId: 'someone-else' });
  other = new Client({ name: 'other-user', version: '0.0.0' });
  await other.connect(clientTransport);
}, BROWSER_TIMEOUT_MS);
afterAll(async () => {
  await other?.close();
  await h?.close();
  await sandbox?.close();
}, BROWSER_TIMEOUT_MS);

async function readError(uri: string, client: Client = h.client): Promise<McpError> {
  try {
    await client.readResource({ uri });
  } catch (error) {
    if (error instanceof McpError) return error;
    throw error;
  }
  throw new Error(`${uri} was served`);
}

async function status(testRunId: string): Promise<RunStatusOutput> {
  return (await h.call('get-test-run-status', { testRunId })).structuredContent as RunStatusOutput;
}

describe('testr://runs/<runId>/live.png', () => {
  it(
    'serves the latest PNG while the run is running, and is not found once it has ended',
    async () => {
      const created = await h.call('create-test-definition', {
        name: 'Slow page',
        targetUrl: `${sandbox.url}/demo/`,
        testType: 'step',
        steps: ['wait 8 seconds', 'verify the page shows "Sign Up"'],
      });
      if (created.isError) throw new Error(h.text(created));
      const { testDefinitionId } = created.structuredContent as { testDefinitionId: string };
      const started = await h.call('start-test-run', { testDefinitionId });
      if (started.isError) throw new Error(h.text(started));
      const { testRunId } = started.structuredContent as { testRunId: string };
      const uri = liveFrameUri(testRunId);
      expect(uri).toBe(`testr://runs/${testRunId}/live.png`);

      // Poll while the run lasts: the first screenshot is taken once the page has opened.
      let served: Record<string, unknown> | undefined;
      const waits: string[] = [];
      while (!served && ['pending', 'running'].includes((await status(testRunId)).status)) {
        try {
          served = (await h.client.readResource({ uri })).contents[0];
        } catch (error) {
          if (!(error instanceof McpError) || error.code !== -32002) throw error;
          waits.push(error.message);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(served).toMatchObject({ uri, mimeType: 'image/png', blob: expect.any(String) });
      const png = PNG.sync.read(Buffer.from(served?.blob as string, 'base64'));
      expect(png.width).toBeGreaterThan(0);
      expect(png.height).toBeGreaterThan(0);
      // Another user's run reads as not found, as every Testr id of another user does.
      const foreign = await readError(uri, other);
      expect(foreign.code).toBe(-32002);
      expect(foreign.message).toContain(`Test run not found: there is no test run ${testRunId}.`);
      // Before the first frame the answer says why, never an internal error.
      for (const message of waits) expect(message).toMatch(/pending: it has not started yet|has not taken its first screenshot yet/);

      await (await h.context()).testr.idle();
      expect((await status(testRunId)).status).toBe('completed');
      const after = await readError(uri);
      expect(after.code).toBe(-32002);
      expect(after.message).toContain(`Live frame of test run ${testRunId} was not found.`);
      expect(after.message).toContain(`The run is not running (completed). Read its recording instead: testr://recordings/run-${testRunId}.gif`);
      // ...and the recording is there.
      expect((await h.client.readResource({ uri: `testr://recordings/run-${testRunId}.gif` })).contents[0]).toMatchObject({ mimeType: 'image/gif' });
    },
    BROWSER_TIMEOUT_MS,
  );

  it('answers resource not found (-32002) for an unknown run or a non-canonical id', async () => {
    const unknown = await readError(liveFrameUri('123e4567-e89b-42d3-a456-426614174000'));
    expect(unknown.code).toBe(-32002);
    expect(unknown.message).toMatch(/Test run not found: there is no test run 123e4567-e89b-42d3-a456-426614174000/);
    for (const spelling of ['0x1', '01', '123E4567-E89B-42D3-A456-426614174000']) {
      expect((await readError(`testr://runs/${spelling}/live.png`)).code).toBe(-32002);
    }
  });

  it('is a resource template, not a listed resource', async () => {
    const { resourceTemplates } = await h.client.listResourceTemplates();
    expect(resourceTemplates).toContainEqual(expect.objectContaining({ uriTemplate: 'testr://runs/{runId}/live.png', mimeType: 'image/png' }));
    const { resources } = await h.client.listResources();
    expect(resources.filter((r) => r.uri.startsWith('testr://runs/'))).toEqual([]);
  });
});
