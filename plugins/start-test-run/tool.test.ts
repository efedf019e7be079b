import { startHarness, type Harness } from '../../test/helpers/harness.js';
import { SIGNUP_STEPS } from '../../test/testr/helpers.js';

// Runs without a browser here (CHROMIUM_PATH points nowhere); test/testr/browser.test.ts runs real ones.
describe('start-test-run', () => {
  let h: Harness;
  let id: string;
  beforeAll(async () => {
    h = await startHarness({ env: { TESTR_CREDITS: '7', CHROMIUM_PATH: '/nonexistent/chromium' } });
    const created = await h.call('create-test-definition', { name: 'Sign-up works', targetUrl: 'http://127.0.0.1:9/demo/', testType: 'step', steps: SIGNUP_STEPS });
    id = (created.structuredContent as { testDefinitionId: string }).testDefinitionId;
  });
  afterAll(() => h.close());

  it('starts a run in the background, reserving its cost', async () => {
    const result = await h.call('start-test-run', { testDefinitionId: ` ${id} ` });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      testRunId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: expect.stringMatching(/^(running|pending)$/),
      name: 'Sign-up works',
      targetUrl: 'http://127.0.0.1:9/demo/',
      testType: 'step',
      totalSteps: 5,
    });
    expect(h.text(result)).toMatch(/5 credits reserved[\s\S]*get-test-run-status/);
  });

  it('refuses a start the balance cannot cover', async () => {
    const result = await h.call('start-test-run', { testDefinitionId: id });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toContain('Insufficient credits. Required: 5, Available: 2.');
  });

  it('says "Test definition not found" and how to find ids', async () => {
    const result = await h.call('start-test-run', { testDefinitionId: 424242 });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/Test definition not found[\s\S]*list-test-definitions/);
  });

  it('gives every credit back when the browser cannot start', async () => {
    await (await h.context()).testr.idle();
    expect(await (await h.context()).testr.creditBalance()).toBe(7);
  });
});
