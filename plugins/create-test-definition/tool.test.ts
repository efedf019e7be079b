import { startHarness, type Harness } from '../../test/helpers/harness.js';
import { SIGNUP_STEPS } from '../../test/testr/helpers.js';

describe('create-test-definition', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('creates the seed example and says what to do next', async () => {
    const result = await h.call('create-test-definition', { name: 'Sign-up works', targetUrl: 'http://127.0.0.1:9/demo/', testType: 'step', steps: SIGNUP_STEPS });
    expect(result.isError).toBeFalsy();
    const { testDefinitionId, message } = result.structuredContent as { testDefinitionId: string; message: string };
    expect(message).toBe(`Created test definition ${testDefinitionId} "Sign-up works" (5 steps, 5 credits per run).`);
    expect(h.text(result)).toContain(`start-test-run with testDefinitionId ${testDefinitionId}`);
  });

  it('accepts steps sent as one block of lines', async () => {
    const created = await h.call('create-test-definition', { name: 'Lines', targetUrl: 'http://127.0.0.1:9/', testType: 'step', steps: 'navigate to /demo/\n\nverify that "Welcome" is visible\n' });
    expect(created.isError).toBeFalsy();
    const got = await h.call('get-test-definition', { id: (created.structuredContent as { testDefinitionId: string }).testDefinitionId });
    expect((got.structuredContent as { stepDefinitions: Array<{ step_text: string }> }).stepDefinitions.map((s) => s.step_text)).toEqual([
      'navigate to /demo/',
      'verify that "Welcome" is visible',
    ]);
  });

  it.each([
    [{ name: '', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: ['navigate to /'] }, /name must not be empty/],
    [{ name: 'x', targetUrl: 'file:///etc/passwd', testType: 'step', steps: ['navigate to /'] }, /targetUrl.*only http and https/],
    [{ name: 'x', targetUrl: 'http://169.254.169.254/', testType: 'step', steps: ['navigate to /'] }, /targetUrl/],
    [{ name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: [] }, /at least one non-empty step/],
    [{ name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: ['juggle three balls'] }, /Step 1.*juggle three balls[\s\S]*click the "Sign Up" button/],
    [{ name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'explorer', maxCreditSpend: 5 }, /explorerPrompt/],
    [{ name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'explorer', explorerPrompt: 'go' }, /maxCreditSpend/],
    [{ name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'explorer', explorerPrompt: 'go', maxCreditSpend: 0 }, /maxCreditSpend/],
    [{ name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'explorer', explorerPrompt: 'go', maxCreditSpend: 0.5 }, /Invalid "maxCreditSpend": 0\.5 must be a whole number of credits/],
    [{ name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'manual' }, /testType/],
  ])('refuses %j', async (args, message) => {
    const result = await h.call('create-test-definition', args);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(message);
    expect(h.text(result)).not.toMatch(/\n\s+at /);
  });

  it('echoes each step as read, with multi-action steps expanded', async () => {
    const result = await h.call('create-test-definition', {
      name: 'Echo', targetUrl: 'http://127.0.0.1:9/', testType: 'step',
      steps: ['Given I am on the login page', 'Log in as ada@example.com with password secret', 'Then I should see "Welcome"'],
    });
    expect(result.isError).toBeFalsy();
    const { steps } = result.structuredContent as { steps: Array<{ step_number: number; read_as: string[] }> };
    expect(steps.map((s) => s.read_as)).toEqual([
      ['navigate to login'],
      ['type "ada@example.com" into the field named "email"', 'type "secret" into the field named "password"', 'press the Enter key'],
      ['verify the text "Welcome" is visible'],
    ]);
    expect(h.text(result)).toContain('Steps as read:');
  });

  it('refuses every unreadable step at once, each with a rewrite', async () => {
    const result = await h.call('create-test-definition', {
      name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'step',
      steps: ['clik "Login"', 'verify the Login button is rounded', 'wait 36000 minutes', 'navigate to //169.254.169.254/'],
    });
    expect(result.isError).toBe(true);
    const text = h.text(result);
    expect(text).toMatch(/4 of 4 steps could not be accepted/);
    expect(text).toMatch(/Step 1 "clik "Login"" could not be understood: "clik"; did you mean: click "Login"\?/);
    expect(text).toMatch(/Step 2 .*"rounded", which the runner cannot check/);
    expect(text).toMatch(/Step 3 .*longer than the longest wait/);
    expect(text).toMatch(/Step 4 .*cloud metadata address/);
  });

  it('stores nothing when refused', async () => {
    const before = ((await h.call('list-test-definitions')).structuredContent as { totalCount: number }).totalCount;
    await h.call('create-test-definition', { name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: ['navigate to /', 'juggle'] });
    expect(((await h.call('list-test-definitions')).structuredContent as { totalCount: number }).totalCount).toBe(before);
  });
});
