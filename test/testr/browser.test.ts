/**
 * End to end, through a real MCP client: Testr runs in headless Chromium against the sandbox demo
 * site. Needs Chromium (CHROMIUM_PATH or found on the machine); without it these tests fail
 * rather than skip, so CI must install it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSandbox, type DemoEvent, type SandboxHandle } from '../../src/sandbox/index.js';
import type { RunStatusOutput } from '../../src/testr/tool-schemas.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { createService, removeDir, SIGNUP_STEPS, tempDataDir } from './helpers.js';

/** Each browser test gets its own limit; Chromium's first start is slow on a loaded CI machine. */
const BROWSER_TIMEOUT_MS = 180_000;

let sandbox: SandboxHandle;
let harness: Harness;

beforeAll(async () => {
  sandbox = await startSandbox({});
  harness = await startHarness({ sharedSandbox: sandbox, env: { TESTR_CREDITS: '60' } });
}, BROWSER_TIMEOUT_MS);
afterAll(async () => {
  await harness?.close();
  await sandbox?.close();
}, BROWSER_TIMEOUT_MS);

async function create(args: Record<string, unknown>): Promise<string> {
  const result = await harness.call('create-test-definition', { targetUrl: `${sandbox.url}/demo/`, ...args });
  if (result.isError) throw new Error(harness.text(result));
  return (result.structuredContent as { testDefinitionId: string }).testDefinitionId;
}

/** Starts a run and polls get-test-run-status until it ends. */
async function runToEnd(testDefinitionId: string): Promise<RunStatusOutput> {
  const started = await harness.call('start-test-run', { testDefinitionId });
  if (started.isError) throw new Error(harness.text(started));
  const { testRunId } = started.structuredContent as { testRunId: string };
  const deadline = Date.now() + BROWSER_TIMEOUT_MS - 10_000;
  for (;;) {
    const status = await harness.call('get-test-run-status', { testRunId });
    const output = status.structuredContent as RunStatusOutput;
    if (!['pending', 'running'].includes(output.status)) return output;
    if (Date.now() > deadline) throw new Error(`run ${testRunId} still ${output.status}:\n${harness.text(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function demoEvents(): Promise<DemoEvent[]> {
  return ((await (await fetch(`${sandbox.url}/__sandbox/demo-events`)).json()) as { events: DemoEvent[] }).events;
}

/** gifenc writes one graphic control extension (21 F9 04) per frame. */
function gifFrames(file: string): number {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  let frames = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0x21 && bytes[i + 1] === 0xf9 && bytes[i + 2] === 0x04) frames++;
  return frames;
}

describe('Testr in headless Chromium against the demo site', () => {
  it('runs the seed sign-up example: 5 steps, 5 credits, a GIF with a frame per step, and a signup on the site', async () => {
    const before = (await demoEvents()).filter((e) => e.type === 'signup').length;
    const id = await create({ name: 'Seed sign-up example', testType: 'step', steps: SIGNUP_STEPS });
    const run = await runToEnd(id);
    expect(run).toMatchObject({ status: 'completed', total_steps: 5, completed_steps: 5, credits_used: 5, credits_remaining: 55 });
    expect(run.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(run.steps[0].matched).toMatch(/Sign Up/);
    expect(run.failed_step).toBeUndefined();
    expect(run.gif_url).toMatch(/^file:\/\/.*\/recordings\/run-[0-9a-f-]{36}\.gif$/);
    expect(gifFrames(fileURLToPath(run.gif_url as string))).toBeGreaterThanOrEqual(5);

    const signups = (await demoEvents()).filter((e) => e.type === 'signup');
    expect(signups).toHaveLength(before + 1);
    expect(signups.at(-1)?.email).toMatch(/@/);

    // The recording is also an MCP resource.
    const uri = `testr://recordings/run-${run.id}.gif`;
    const { resources } = await harness.client.listResources();
    expect(resources).toContainEqual(expect.objectContaining({ uri, mimeType: 'image/gif' }));
    const { contents } = await harness.client.readResource({ uri });
    expect(contents[0]).toMatchObject({ uri, mimeType: 'image/gif' });
    expect(Buffer.from((contents[0] as { blob: string }).blob, 'base64').subarray(0, 6).toString('latin1')).toBe('GIF89a');
  }, BROWSER_TIMEOUT_MS);

  it('fails the run at an impossible step, skips the rest, and refunds them', async () => {
    const id = await create({
      name: 'Impossible step',
      testType: 'step',
      steps: ['click the "Sign Up" button', 'click the "Launch the rocket" button', 'type an email into the email field', 'verify the welcome message'],
    });
    const balanceBefore = await (await harness.context()).testr.creditBalance();
    const run = await runToEnd(id);
    expect(run).toMatchObject({ status: 'failed', total_steps: 4, completed_steps: 2, credits_used: 2, credits_remaining: balanceBefore - 2 });
    expect(run.failed_step).toMatchObject({ step_number: 2, step_text: 'click the "Launch the rocket" button', error: expect.stringMatching(/Launch the rocket/) });
    expect(run.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped', 'skipped']);
    expect(run.gif_url).toMatch(/^file:/);
  }, BROWSER_TIMEOUT_MS);

  it('explores to the newsletter and subscribes with the email in the prompt, within budget, with no AI', async () => {
    const email = `explorer-${Date.now()}@example.com`;
    const id = await create({ name: 'Newsletter explorer', testType: 'explorer', explorerPrompt: `Subscribe to the newsletter with ${email}`, maxCreditSpend: 15 });
    const balanceBefore = await (await harness.context()).testr.creditBalance();
    const run = await runToEnd(id);
    expect(run.status).toBe('completed');
    expect(run.credits_used).toBeGreaterThan(0);
    expect(run.credits_used).toBeLessThanOrEqual(15);
    expect(run.total_steps).toBe(run.steps.length);
    expect(run.credits_remaining).toBe(balanceBefore - run.credits_used);
    expect((await demoEvents()).some((e) => e.type === 'subscription' && e.email === email)).toBe(true);
  }, BROWSER_TIMEOUT_MS);

  it('cancels a run in progress when the server shuts down, charging only the steps it took', async () => {
    const dataDir = tempDataDir();
    const server = await startHarness({ sharedSandbox: sandbox, env: { TESTR_DATA_DIR: dataDir, TESTR_CREDITS: '10' } });
    try {
      const created = await server.call('create-test-definition', {
        name: 'Slow test',
        targetUrl: `${sandbox.url}/demo/`,
        testType: 'step',
        steps: ['click the "Sign Up" button', 'wait 60 seconds', 'verify that "Create your account" is visible'],
      });
      const { testDefinitionId } = created.structuredContent as { testDefinitionId: string };
      const started = await server.call('start-test-run', { testDefinitionId });
      const { testRunId } = started.structuredContent as { testRunId: string };
      const deadline = Date.now() + 60_000;
      while (((await server.call('get-test-run-status', { testRunId })).structuredContent as RunStatusOutput).completed_steps < 1) {
        if (Date.now() > deadline) throw new Error('the first step never finished');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const closing = Date.now();
      await server.close();
      expect(Date.now() - closing).toBeLessThan(15_000);

      const reader = createService(dataDir);
      try {
        const run = await reader.getRunStatus(testRunId);
        expect(run).toMatchObject({ status: 'cancelled', credits_remaining: 10 - run.credits_used });
        expect(run.credits_used).toBeGreaterThanOrEqual(1);
        expect(run.credits_used).toBeLessThanOrEqual(2);
      } finally {
        await reader.close();
      }
    } finally {
      await server.close();
      removeDir(dataDir);
    }
  }, BROWSER_TIMEOUT_MS);
});
