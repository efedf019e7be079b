import { startHarness, type Harness } from '../../test/helpers/harness.js';
import type { RunStatusOutput } from '../../src/testr/tool-schemas.js';
import { SIGNUP_STEPS } from '../../test/testr/helpers.js';

// A run that cannot start its browser (CHROMIUM_PATH points nowhere); test/testr/browser.test.ts covers passing runs.
describe('get-test-run-status', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { TESTR_CREDITS: '20', CHROMIUM_PATH: '/nonexistent/chromium' } });
  });
  afterAll(() => h.close());

  it('reports a failed run with every step, the cause and the refund', async () => {
    const created = await h.call('create-test-definition', { name: 'Sign-up works', targetUrl: 'http://127.0.0.1:9/demo/', testType: 'step', steps: SIGNUP_STEPS });
    const started = await h.call('start-test-run', { testDefinitionId: (created.structuredContent as { testDefinitionId: string }).testDefinitionId });
    const { testRunId } = started.structuredContent as { testRunId: string };
    await (await h.context()).testr.idle();

    const result = await h.call('get-test-run-status', { testRunId: String(testRunId) });
    expect(result.isError).toBeFalsy();
    const status = result.structuredContent as RunStatusOutput;
    expect(status).toMatchObject({
      id: testRunId,
      name: 'Sign-up works',
      target_url: 'http://127.0.0.1:9/demo/',
      status: 'failed',
      test_type: 'step',
      total_steps: 5,
      completed_steps: 0,
      credits_used: 0,
      credits_remaining: 20,
      gif_url: null,
      session_id: expect.stringMatching(/^testr-/),
      console_errors: [],
      network_failures: [],
    });
    expect(status.started_at).toMatch(/^\d{4}-/);
    expect(status.completed_at).toMatch(/^\d{4}-/);
    expect(status.error).toMatch(/CHROMIUM_PATH/);
    expect(status.steps.map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    const text = h.text(result);
    expect(text).toMatch(/## Test run: Sign-up works — failed\n\n- \*\*Run id:\*\* [0-9a-f-]{36}/);
    expect(text).toMatch(/\*\*Error:\*\* CHROMIUM_PATH/);
    expect(text).toContain('| 5 | verify the welcome message | ⏭️ skipped |');
  });

  it('says which run was not found and where run ids come from', async () => {
    const result = await h.call('get-test-run-status', { testRunId: 424242 });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/Test run not found: there is no test run 424242[\s\S]*start-test-run/);
  });
});
