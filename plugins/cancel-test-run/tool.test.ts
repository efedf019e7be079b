import { startHarness, type Harness } from '../../test/helpers/harness.js';
import { SIGNUP_STEPS } from '../../test/testr/helpers.js';

// Through a real MCP client; test/testr/runs.test.ts cancels pending and running runs with a browser-free engine.
describe('cancel-test-run', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { TESTR_CREDITS: '10', CHROMIUM_PATH: '/nonexistent/chromium' } });
  });
  afterAll(() => h.close());

  it('refuses a run that has already ended, and keeps its result', async () => {
    const created = await h.call('create-test-definition', { name: 'Sign-up works', targetUrl: 'http://127.0.0.1:9/demo/', testType: 'step', steps: SIGNUP_STEPS });
    const started = await h.call('start-test-run', { testDefinitionId: (created.structuredContent as { testDefinitionId: string }).testDefinitionId });
    const { testRunId } = started.structuredContent as { testRunId: string };
    await (await h.context()).testr.idle();
    const result = await h.call('cancel-test-run', { testRunId });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/already ended \(failed\)[\s\S]*get-test-run-status/);
  });

  it('names the run that was not found, and refuses a malformed id', async () => {
    const missing = await h.call('cancel-test-run', { testRunId: '123e4567-e89b-42d3-a456-426614174000' });
    expect(missing.isError).toBe(true);
    expect(h.text(missing)).toMatch(/Test run not found: there is no test run 123e4567-e89b-42d3-a456-426614174000/);
    const malformed = await h.call('cancel-test-run', { testRunId: 'run-1' });
    expect(h.text(malformed)).toMatch(/Invalid "testRunId": must be a UUID/);
  });
});
