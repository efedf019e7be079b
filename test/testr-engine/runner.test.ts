/**
 * The step runner against a tiny node:http site, with the real Chromium.
 */
import { existsSync } from 'node:fs';
import { runTest } from '../../src/testr/engine/index.js';
import type { FixtureSite } from './fixture-site.js';
import { gifFrames, request, uniqueEmail, useFixtureSite } from './helpers.js';

const fixture = useFixtureSite();
let site: FixtureSite;
beforeAll(() => {
  site = fixture();
});

describe('step runner', () => {
  it('runs the signup example, records the signup and writes a GIF', async () => {
    const email = uniqueEmail('runner');
    const req = request(site.url, {
      type: 'step',
      steps: [
        'Click the "Sign Up" button',
        `Type "${email}" into the email field`,
        'Type "secret123" into the password field',
        'select "Pro" from the Plan dropdown',
        'check the terms checkbox',
        'Click "Create Account"',
        'Verify a welcome message is displayed',
        'verify the page shows "Your account has been created"',
      ],
    });
    const outcome = await runTest(req);
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('completed');
    expect(outcome.steps.map((s) => s.status)).toEqual(Array(8).fill('passed'));
    expect(outcome.creditsUsed).toBe(8);
    expect(outcome.steps[0]?.matched).toBe('button "Sign Up" via role');
    expect(outcome.steps[1]?.matched).toMatch(/"Email" via (role|label)/);
    expect(req.reported).toHaveLength(8);
    expect(site.events).toContainEqual({ type: 'signup', email });
    expect(outcome.gifPath).toBe(req.recordingPath);
    expect(existsSync(req.recordingPath)).toBe(true);
    expect(outcome.frameCount).toBe(9);
    expect(gifFrames(req.recordingPath)).toBe(9);
    expect(outcome.consoleErrors).toContain('fixture console error');
    expect(outcome.networkFailures.some((f) => /blocked .*169\.254\.169\.254.*metadata/.test(f))).toBe(true);
  });

  it('does not see hidden elements and reports what the page shows', async () => {
    const outcome = await runTest(request(site.url, { type: 'step', steps: ['click "Hidden Thing"'] }, { options: { actionTimeoutMs: 500 } }));
    expect(outcome.status).toBe('failed');
    const text = await runTest(request(site.url, { type: 'step', steps: ['verify "Goodbye" is visible'] }, { options: { actionTimeoutMs: 500 } }));
    expect(text.error).toMatch(/The text "Goodbye" was not found .*The page shows: "Home Newsletter/);
  });

  it('navigates relative paths, checks URL, title and values, and presses keys', async () => {
    const outcome = await runTest(
      request(site.url, {
        type: 'step',
        steps: [
          'go to /newsletter',
          'verify the user is on the newsletter page',
          'verify the URL contains "/newsletter"',
          'verify the title contains "newsletter"',
          'fill Email address with "keys@example.com"',
          'verify the email address field has value "keys@example.com"',
          'press Enter',
          'verify that "Thanks for subscribing" is visible',
          'go back',
          'verify the Subscribe button is visible',
        ],
      }),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('completed');
    expect(site.events).toContainEqual({ type: 'subscription', email: 'keys@example.com' });
  });

  it('follows links that open a new tab', async () => {
    const outcome = await runTest(request(site.url, { type: 'step', steps: ['click "Newsletter in a new tab"', 'verify the URL contains "/newsletter"', 'verify the Subscribe button is visible'] }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('completed');
  });

  it('refuses navigation to metadata addresses during a run', async () => {
    // Host names pass the parser; the run resolves them before navigating.
    const outcome = await runTest(request(site.url, { type: 'step', steps: ['navigate to http://no-such-host.invalid/'] }));
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/Navigation to http:\/\/no-such-host\.invalid\/ was refused: the URL has a host name that could not be resolved/);
    const parsed = await runTest(request(site.url, { type: 'step', steps: ['navigate to http://169.254.169.254/latest/meta-data/'] }));
    expect(parsed.status).toBe('failed');
    expect(parsed.error).toMatch(/Step 1 ".*" navigates to a URL that is not allowed: it points to a cloud metadata address/);
  });

  it('blocks redirects to metadata addresses (interception alone does not see redirect hops)', async () => {
    const outcome = await runTest(request(site.url, { type: 'step', steps: ['go to /to-metadata'] }));
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/redirected to http:\/\/169\.254\.169\.254\/latest\/meta-data\/, which was blocked/);
    expect(outcome.networkFailures).toContain('blocked GET http://169.254.169.254/latest/meta-data/: points to a cloud metadata address (169.254.169.254)');
  });

  it('refuses a metadata target URL without starting', async () => {
    const outcome = await runTest(request('http://169.254.169.254/', { type: 'step', steps: ['verify "x" is visible'] }));
    expect(outcome).toMatchObject({ status: 'failed', creditsUsed: 0, frameCount: 0 });
    expect(outcome.error).toMatch(/cloud metadata/);
    expect(outcome.steps[0]?.status).toBe('skipped');
  });

  it('records HTTP errors as network failures', async () => {
    const outcome = await runTest(request(site.url, { type: 'step', steps: ['go to /broken expecting a 500', 'verify "Internal error" is visible'] }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('completed');
    expect(outcome.networkFailures.some((f) => f.startsWith('500 GET') && f.includes('/broken'))).toBe(true);
  });

  it('cancels a run in flight', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const req = request(site.url, { type: 'step', steps: ['click Sign Up', 'wait 20 seconds', 'verify "x" is visible'] }, {
      signal: controller.signal,
      // Cancel while step 2 waits, whatever the machine's speed.
      onStep: (r) => {
        if (r.stepNumber === 1) setTimeout(() => ((abortedAt = Date.now()), controller.abort()), 300);
      },
    });
    const outcome = await runTest(req);
    // Well before the 20 s wait would end.
    expect(Date.now() - abortedAt).toBeLessThan(10_000);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.steps.map((s) => s.status)).toEqual(['passed', 'skipped', 'skipped']);
    expect(outcome.creditsUsed).toBe(1);
  });

  it('stops at the run time limit', async () => {
    const outcome = await runTest(request(site.url, { type: 'step', steps: ['wait 10 seconds'] }, { options: { runTimeoutMs: 3_000 } }));
    expect(outcome.status).toBe('failed');
    expect(outcome.failedStep).toBe(1);
    expect(outcome.error).toMatch(/time limit of 3 s/);
  });

  it('fails clearly when Chromium is missing', async () => {
    const outcome = await runTest(request(site.url, { type: 'step', steps: ['click Sign Up'] }, { options: { chromiumPath: '/nonexistent/chromium' } }));
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/CHROMIUM_PATH is set to \/nonexistent\/chromium/);
  });
});
