import { startHarness, type Harness } from '../../test/helpers/harness.js';
import { SIGNUP_STEPS } from '../../test/testr/helpers.js';

describe('get-test-definition', () => {
  let h: Harness;
  let stepId: string;
  let explorerId: string;
  beforeAll(async () => {
    h = await startHarness();
    const create = async (args: Record<string, unknown>) =>
      ((await h.call('create-test-definition', { targetUrl: 'http://127.0.0.1:9/demo/', ...args })).structuredContent as { testDefinitionId: string }).testDefinitionId;
    stepId = await create({ name: 'Sign-up works', description: 'The seed example', testType: 'step', steps: SIGNUP_STEPS });
    explorerId = await create({ name: 'Newsletter', testType: 'explorer', explorerPrompt: 'Subscribe with ana@example.com', maxCreditSpend: 12 });
  });
  afterAll(() => h.close());

  it('returns a step test with its typed steps (id given in upper case)', async () => {
    const result = await h.call('get-test-definition', { id: stepId.toUpperCase() });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      testDefinition: { id: stepId, name: 'Sign-up works', description: 'The seed example', target_url: 'http://127.0.0.1:9/demo/', test_type: 'step', total_steps: 5, is_active: true },
    });
    const steps = (result.structuredContent as { stepDefinitions: Array<{ step_number: number; step_type: string }> }).stepDefinitions;
    expect(steps.map((s) => [s.step_number, s.step_type])).toEqual([
      [1, 'action'],
      [2, 'action'],
      [3, 'action'],
      [4, 'action'],
      [5, 'verification'],
    ]);
    expect(h.text(result)).toContain('5. verify the welcome message _(verification)_');
    expect(h.text(result)).toContain('**Cost per run:** 5 credits');
  });

  it('returns an explorer test with its goal and budget', async () => {
    const result = await h.call('get-test-definition', { id: explorerId });
    expect(result.structuredContent).toMatchObject({
      testDefinition: { test_type: 'explorer', total_steps: 0, explorer_prompt: 'Subscribe with ana@example.com', max_credit_spend: 12 },
      stepDefinitions: [],
    });
    expect(h.text(result)).toContain('**Goal:** Subscribe with ana@example.com');
  });

  it('says "Test definition not found" and how to find ids', async () => {
    const result = await h.call('get-test-definition', { id: 424242 });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/Test definition not found[\s\S]*list-test-definitions/);
  });

  it('refuses an id that is not a positive whole number', async () => {
    const result = await h.call('get-test-definition', { id: 'abc' });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/"id"/);
  });
});
