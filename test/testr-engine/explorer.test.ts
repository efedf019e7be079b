/**
 * The explorer against the node:http fixture site, with the real Chromium and no AI, plus the
 * optional LLM chooser against a fake OpenAI-compatible server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runTest } from '../../src/testr/engine/index.js';
import type { FixtureSite } from './fixture-site.js';
import { gifFrames, request, uniqueEmail, useFixtureSite } from './helpers.js';

const fixture = useFixtureSite();
let site: FixtureSite;
beforeAll(() => {
  site = fixture();
});

describe('explorer', () => {
  it('subscribes to the newsletter within a small budget, without AI', async () => {
    const email = uniqueEmail('explorer');
    const req = request(site.url, { type: 'explorer', prompt: `Subscribe to the newsletter with the email ${email}`, maxActions: 10 });
    const outcome = await runTest(req);
    expect(outcome).toMatchObject({ status: 'completed', goalReached: true });
    expect(outcome.steps.map((s) => s.stepText)).toEqual([
      'click link "Subscribe to our newsletter"',
      `fill "Email address" with ${email}`,
      'click button "Subscribe"',
    ]);
    expect(outcome.creditsUsed).toBe(3);
    expect(req.reported).toHaveLength(3);
    expect(site.events).toContainEqual({ type: 'subscription', email });
    expect(gifFrames(req.recordingPath)).toBe(outcome.frameCount);
    expect(outcome.frameCount).toBe(4);
  });

  it('does not take an account created on the way for a newsletter subscription, and says why', async () => {
    const email = uniqueEmail('subject');
    const outcome = await runTest(request(`${site.url}start`, { type: 'explorer', prompt: `Subscribe to the newsletter with the email ${email}`, maxActions: 10 }));
    expect(outcome).toMatchObject({ status: 'completed', goalReached: true });
    // The signup form came first (it takes the email); its "Welcome aboard!" was not the goal.
    expect(site.events).toContainEqual({ type: 'signup', email });
    const rejected = outcome.steps.find((s) => /not the goal/.test(s.matched ?? ''));
    expect(rejected?.stepText).toBe('click button "Create account"');
    expect(rejected?.matched).toMatch(/nothing names the goal's subject/);
    expect(site.events).toContainEqual({ type: 'subscription', email });
    expect(outcome.steps.at(-1)?.matched).toMatch(/goal reached: success message "Subscribed"/);
  });

  it('types into a field outside any form and presses Enter', async () => {
    const outcome = await runTest(request(`${site.url}todo`, { type: 'explorer', prompt: 'Add a todo "Buy milk"', maxActions: 4 }));
    expect(outcome).toMatchObject({ status: 'completed', goalReached: true, creditsUsed: 2 });
    expect(outcome.steps.map((s) => s.stepText)).toEqual(['fill "What needs to be done?" with Buy milk', 'press Enter in "What needs to be done?"']);
    expect(outcome.steps.at(-1)?.matched).toMatch(/"Buy milk", which the goal asked to enter, now shows on the page/);
  });

  it('names fields by aria-labelledby and buttons by aria-label', async () => {
    const outcome = await runTest(request(`${site.url}find`, { type: 'explorer', prompt: 'Search the catalogue for "daypack"', maxActions: 4 }));
    expect(outcome).toMatchObject({ status: 'completed', goalReached: true });
    expect(outcome.steps[0]?.stepText).toBe('fill "Search the catalogue" with daypack');
  });

  it('never clicks destructive controls, even when asked to', async () => {
    const outcome = await runTest(request(site.url, { type: 'explorer', prompt: 'Delete my account and log out', maxActions: 6 }));
    expect(outcome.status).toBe('failed');
    expect(outcome.goalReached).toBe(false);
    expect(outcome.creditsUsed).toBeLessThanOrEqual(6);
    expect(outcome.steps.map((s) => s.stepText).join('\n')).not.toMatch(/delete|log out/i);
    expect(site.events.filter((e) => e.type === 'delete' || e.type === 'logout')).toEqual([]);
    expect(site.hits).not.toContain('GET /logout');
  });

  it('stops when the budget is spent', async () => {
    const outcome = await runTest(request(site.url, { type: 'explorer', prompt: `Sign up with ${uniqueEmail('budget')}`, maxActions: 2 }));
    expect(outcome).toMatchObject({ status: 'failed', goalReached: false, creditsUsed: 2 });
    expect(outcome.error).toMatch(/budget of 2/);
  });

  it('honours cancellation between actions', async () => {
    const controller = new AbortController();
    const outcome = await runTest(
      request(site.url, { type: 'explorer', prompt: `Sign up with ${uniqueEmail('cancel')}`, maxActions: 10 }, {
        signal: controller.signal,
        onStep: (r) => {
          if (r.stepNumber === 1) controller.abort();
        },
      }),
    );
    expect(outcome.status).toBe('cancelled');
    expect(outcome.creditsUsed).toBe(1);
    expect(outcome.steps).toHaveLength(1);
  });

  describe('with an LLM chooser', () => {
    let llm: Server;
    let llmUrl: string;
    const prompts: string[] = [];
    let answer = '1';
    // Answers for the next calls, before `answer` applies again.
    const queue: string[] = [];
    beforeAll(async () => {
      llm = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          prompts.push(body);
          const reply = queue.shift() ?? answer;
          if (reply === 'fail') {
            res.writeHead(500).end('{}');
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: reply } }] }));
        });
      });
      await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));
      llmUrl = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
    });
    afterAll(() => new Promise<void>((r) => llm.close(() => r())));

    it('follows the model choice among the same safe candidates', async () => {
      // The second candidate on the home page, then the best one each time.
      queue.push('1');
      answer = '0';
      const email = uniqueEmail('llm');
      const outcome = await runTest(
        request(site.url, { type: 'explorer', prompt: `Subscribe to the newsletter with ${email}`, maxActions: 10 }, { options: { llm: { baseUrl: llmUrl, model: 'fake', apiKey: 'k' } } }),
      );
      expect(outcome.goalReached).toBe(true);
      expect(outcome.steps[0]?.stepText).toBe('click link "Newsletter"');
      expect(outcome.steps[0]?.matched).toMatch(/chosen by the LLM/);
      expect(prompts[0]).toContain('Subscribe to the newsletter');
      expect(prompts[0]).not.toMatch(/Delete account/);
    });

    it('falls back to the deterministic choice when the model fails', async () => {
      answer = 'fail';
      const outcome = await runTest(
        request(site.url, { type: 'explorer', prompt: `Subscribe to the newsletter with ${uniqueEmail('llmfail')}`, maxActions: 10 }, { options: { llm: { baseUrl: llmUrl, model: 'fake' } } }),
      );
      expect(outcome.goalReached).toBe(true);
      expect(outcome.steps[0]?.stepText).toBe('click link "Subscribe to our newsletter"');
    });
  });
});
