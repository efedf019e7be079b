/** Every create-test-definition validation message, through the service (no browser needed). */
import { isToolError, type ToolError } from '../../src/platform/errors.js';
import type { CreateDefinitionInput } from '../../src/testr/validate.js';
import { serviceForFile, SIGNUP_STEPS } from './helpers.js';

const service = serviceForFile();

const valid: CreateDefinitionInput = { name: 'Sign-up works', targetUrl: 'http://127.0.0.1:8080/demo/', testType: 'step', steps: SIGNUP_STEPS };

async function refusal(input: Partial<CreateDefinitionInput>): Promise<ToolError> {
  try {
    await service().createDefinition({ ...valid, ...input } as CreateDefinitionInput);
  } catch (error) {
    if (isToolError(error)) return error;
    throw error;
  }
  throw new Error('expected the definition to be refused');
}

describe('create-test-definition validation', () => {
  it.each([
    ['empty name', { name: '   ' }, 'name', /name must not be empty/],
    ['non-http URL', { targetUrl: 'ftp://example.com/' }, 'targetUrl', /only http and https/],
    ['javascript: URL', { targetUrl: 'javascript:alert(1)' }, 'targetUrl', /only http and https/],
    ['URL with credentials', { targetUrl: 'http://user:pw@127.0.0.1/' }, 'targetUrl', /credentials/],
    ['not a URL', { targetUrl: 'not a url' }, 'targetUrl', /not a valid absolute URL/],
    ['cloud metadata URL', { targetUrl: 'http://169.254.169.254/latest/meta-data/' }, 'targetUrl', /link-local|metadata/],
    ['empty URL', { targetUrl: '' }, 'targetUrl', /targetUrl must not be empty/],
    ['step test without steps', { steps: undefined }, 'steps', /at least one non-empty step/],
    ['step test with only blank steps', { steps: ['  ', ''] }, 'steps', /at least one non-empty step/],
    ['blank step among others', { steps: ['click "Go"', ' '] }, 'steps', /Step 2 is empty/],
    ['step test with an explorer prompt', { explorerPrompt: 'find the shop' }, 'explorerPrompt', /only for explorer tests/],
    ['explorer without prompt', { testType: 'explorer', steps: undefined, maxCreditSpend: 5 }, 'explorerPrompt', /non-empty explorerPrompt/],
    ['explorer with blank prompt', { testType: 'explorer', steps: undefined, explorerPrompt: ' ', maxCreditSpend: 5 }, 'explorerPrompt', /non-empty explorerPrompt/],
    ['explorer without budget', { testType: 'explorer', steps: undefined, explorerPrompt: 'subscribe' }, 'maxCreditSpend', /positive whole number/],
    ['explorer with zero budget', { testType: 'explorer', steps: undefined, explorerPrompt: 'subscribe', maxCreditSpend: 0 }, 'maxCreditSpend', /positive whole number \(got 0\)/],
    ['explorer with fractional budget', { testType: 'explorer', steps: undefined, explorerPrompt: 'subscribe', maxCreditSpend: 2.5 }, 'maxCreditSpend', /positive whole number/],
    ['explorer with steps', { testType: 'explorer', explorerPrompt: 'subscribe', maxCreditSpend: 5 }, 'steps', /takes no steps/],
  ] as Array<[string, Partial<CreateDefinitionInput>, string, RegExp]>)('refuses %s, naming %s', async (_case, input, parameter, message) => {
    const error = await refusal(input);
    expect(error.toolErrorKind).toBe('user_input');
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });

  it('refuses a step the runner cannot understand, naming the step and the forms understood', async () => {
    const error = await refusal({ steps: ['click the "Sign Up" button', 'dance around the page wildly'] });
    expect(error.parameter).toBe('steps');
    expect(error.message).toMatch(/Step 2/);
    expect(error.message).toContain('dance around the page wildly');
    expect(error.hint).toMatch(/click the "Sign Up" button/);
    expect(error.hint).toMatch(/verify/);
  });

  it('stores nothing and spends nothing when refused', async () => {
    await refusal({ steps: ['dance'] });
    expect((await service().listDefinitions({})).totalCount).toBe(0);
    expect(await service().creditBalance()).toBe(100);
  });

  it('accepts the seed example and an explorer test', async () => {
    await expect(service().createDefinition(valid)).resolves.toMatchObject({ testDefinitionId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), message: expect.stringContaining('5 steps') });
    await expect(
      service().createDefinition({ name: 'Newsletter', targetUrl: 'http://127.0.0.1:8080/demo/', testType: 'explorer', explorerPrompt: 'Subscribe with a@b.co', maxCreditSpend: 10 }),
    ).resolves.toMatchObject({ message: expect.stringContaining('at most 10 credits') });
  });
});
