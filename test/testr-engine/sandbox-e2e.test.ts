/**
 * End to end: the engine against the sandbox's demo store (/demo/), with the real Chromium.
 */
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { closeBrowser, runTest } from '../../src/testr/engine/index.js';
import { gifFrames, request, requireChromium, uniqueEmail } from './helpers.js';

let sandbox: SandboxHandle;
let demo: string;

interface DemoEvents {
  events: Array<{ type: string; email?: string }>;
}

async function demoEvents(): Promise<DemoEvents['events']> {
  const response = await fetch(`${sandbox.url}/__sandbox/demo-events`);
  return ((await response.json()) as DemoEvents).events;
}

beforeAll(async () => {
  requireChromium();
  sandbox = await startSandbox({ port: 0 });
  demo = `${sandbox.url}/demo/`;
});

afterAll(async () => {
  await closeBrowser();
  await sandbox?.close();
});

describe('engine against the sandbox demo store', () => {
  it('runs the signup example: 5 passed steps, the signup recorded, a GIF of every step', async () => {
    const email = uniqueEmail('e2e-signup');
    const req = request(demo, {
      type: 'step',
      steps: [
        'Click the "Sign Up" button',
        `Type "${email}" into the email field`,
        'Type "s3cret-pass" into the password field',
        'Click "Create Account"',
        'Verify a welcome message is displayed',
      ],
    }, { options: { actionTimeoutMs: 10_000 } });
    const outcome = await runTest(req);
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('completed');
    expect(outcome.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(outcome.creditsUsed).toBe(5);
    expect(await demoEvents()).toContainEqual(expect.objectContaining({ type: 'signup', email }));
    expect(outcome.gifPath).toBe(req.recordingPath);
    expect(gifFrames(req.recordingPath)).toBeGreaterThanOrEqual(5);
    expect(gifFrames(req.recordingPath)).toBe(outcome.frameCount);
  });

  it('fails at an impossible step and skips the rest', async () => {
    const outcome = await runTest(
      request(demo, { type: 'step', steps: ['click "Sign Up"', 'click the "Teleport" button', 'click "Create Account"'] }, { options: { actionTimeoutMs: 1_000 } }),
    );
    expect(outcome).toMatchObject({ status: 'failed', failedStep: 2, creditsUsed: 2 });
    expect(outcome.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(outcome.error).toMatch(/No visible button matching "Teleport"/);
    // The opening page, step 1, and the failure.
    expect(outcome.frameCount).toBe(3);
  });

  it('explores to a newsletter subscription with no AI, never touching destructive controls', async () => {
    const email = uniqueEmail('explorer');
    const outcome = await runTest(request(demo, { type: 'explorer', prompt: `Subscribe to the newsletter with the email ${email}`, maxActions: 10 }));
    expect(outcome).toMatchObject({ status: 'completed', goalReached: true });
    expect(outcome.creditsUsed).toBeLessThanOrEqual(10);
    expect(await demoEvents()).toContainEqual(expect.objectContaining({ type: 'subscription', email }));
  });

  it('does not delete the account or log out when the prompt asks for it', async () => {
    const outcome = await runTest(request(demo, { type: 'explorer', prompt: 'Delete my account, then log out', maxActions: 6 }));
    expect(outcome.goalReached).toBe(false);
    expect(outcome.creditsUsed).toBeLessThanOrEqual(6);
    expect(outcome.steps.map((s) => `${s.stepText} ${s.matched ?? ''}`).join('\n')).not.toMatch(/delete|log ?out/i);
    expect((await demoEvents()).filter((e) => e.type === 'account_deleted')).toEqual([]);
  });

  it('refuses metadata URLs as targets and as navigations', async () => {
    const target = await runTest(request('http://169.254.169.254/latest/meta-data/', { type: 'step', steps: ['verify "x" is visible'] }));
    expect(target).toMatchObject({ status: 'failed', creditsUsed: 0 });
    expect(target.error).toMatch(/cloud metadata/);
    const step = await runTest(request(demo, { type: 'step', steps: ['navigate to http://metadata.google.internal/computeMetadata/v1/'] }));
    expect(step.status).toBe('failed');
    expect(step.error).toMatch(/not allowed: it points to a cloud metadata host/);
  });

  it('is cancelled while waiting for the slow page', async () => {
    const controller = new AbortController();
    const req = request(demo, { type: 'step', steps: ['go to /demo/slow', 'verify "Finally loaded" is visible'] }, { signal: controller.signal, options: { actionTimeoutMs: 10_000 } });
    let abortedAt = 0;
    setTimeout(() => ((abortedAt = Date.now()), controller.abort()), 800);
    const outcome = await runTest(req);
    // The slow page takes 3 s: had the cancel not interrupted the navigation, step 1 would have
    // passed. The time bound only proves nothing hung; closing the page may be slow on a busy machine.
    expect(outcome.status).toBe('cancelled');
    expect(outcome.steps.map((s) => s.status)).toEqual(['skipped', 'skipped']);
    expect(Date.now() - abortedAt).toBeLessThan(10_000);
    expect(outcome.creditsUsed).toBe(0);
  });
});
