/** create → get → list, with search and paging, through the service. */
import { serviceForFile, SIGNUP_STEPS } from './helpers.js';

const service = serviceForFile();

describe('test definitions', () => {
  let signupId: string;

  it('creates a step test and reads it back with typed steps', async () => {
    const created = await service().createDefinition({
      name: '  Sign-up works ',
      description: 'The seed example',
      targetUrl: 'http://127.0.0.1:8080/demo/',
      testType: 'step',
      steps: SIGNUP_STEPS.map((step) => ` ${step} `),
    });
    signupId = created.testDefinitionId;
    const { testDefinition, stepDefinitions } = await service().getDefinition(signupId);
    expect(testDefinition).toMatchObject({
      id: signupId,
      name: 'Sign-up works',
      description: 'The seed example',
      target_url: 'http://127.0.0.1:8080/demo/',
      test_type: 'step',
      total_steps: 5,
      is_active: true,
    });
    expect(testDefinition).not.toHaveProperty('explorer_prompt');
    expect(testDefinition.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(stepDefinitions.map((s) => [s.step_number, s.step_text, s.step_type])).toEqual([
      [1, SIGNUP_STEPS[0], 'action'],
      [2, SIGNUP_STEPS[1], 'action'],
      [3, SIGNUP_STEPS[2], 'action'],
      [4, SIGNUP_STEPS[3], 'action'],
      [5, SIGNUP_STEPS[4], 'verification'],
    ]);
  });

  it('marks check and ensure steps as verifications too', async () => {
    const { testDefinitionId } = await service().createDefinition({
      name: 'Checks',
      targetUrl: 'http://127.0.0.1:8080/',
      testType: 'step',
      steps: ['navigate to /demo/', 'check that "Welcome" is visible', 'ensure the URL contains "/demo"'],
    });
    const { stepDefinitions } = await service().getDefinition(testDefinitionId);
    expect(stepDefinitions.map((s) => s.step_type)).toEqual(['action', 'verification', 'verification']);
  });

  it('keeps explorer settings', async () => {
    const { testDefinitionId } = await service().createDefinition({
      name: 'Newsletter explorer',
      targetUrl: 'http://127.0.0.1:8080/demo/',
      testType: 'explorer',
      explorerPrompt: 'Subscribe to the newsletter with ana@example.com',
      maxCreditSpend: 12,
    });
    const { testDefinition, stepDefinitions } = await service().getDefinition(testDefinitionId);
    expect(testDefinition).toMatchObject({ test_type: 'explorer', total_steps: 0, explorer_prompt: 'Subscribe to the newsletter with ana@example.com', max_credit_spend: 12 });
    expect(stepDefinitions).toEqual([]);
  });

  it('answers "Test definition not found" for an unknown id', async () => {
    await expect(service().getDefinition('123e4567-e89b-12d3-a456-426614174000')).rejects.toMatchObject({ toolErrorKind: 'not_found', message: expect.stringContaining('Test definition not found') });
  });

  it('lists newest first with paging', async () => {
    for (let i = 1; i <= 12; i++) {
      await service().createDefinition({ name: `Bulk test ${i}`, targetUrl: `http://127.0.0.1:8080/page-${i}`, testType: 'step', steps: ['navigate to /'] });
    }
    const first = await service().listDefinitions({});
    expect(first).toMatchObject({ totalCount: 15, page: 1, pageSize: 10 });
    expect(first.definitions).toHaveLength(10);
    expect(first.definitions[0].name).toBe('Bulk test 12');
    expect(Object.keys(first.definitions[0]).sort()).toEqual(['created_at', 'description', 'id', 'name', 'target_url', 'test_type', 'total_steps', 'updated_at']);
    const second = await service().listDefinitions({ page: 2, pageSize: 10 });
    expect(second.definitions.map((d) => d.name)).toEqual(['Bulk test 2', 'Bulk test 1', 'Newsletter explorer', 'Checks', 'Sign-up works']);
    expect((await service().listDefinitions({ page: 3 })).definitions).toEqual([]);
  });

  it('searches name, description and URL, case-insensitively, taking % and _ literally', async () => {
    expect((await service().listDefinitions({ search: 'SIGN-UP' })).definitions.map((d) => d.id)).toEqual([signupId]);
    expect((await service().listDefinitions({ search: 'seed example' })).totalCount).toBe(1);
    expect((await service().listDefinitions({ search: 'page-1' })).totalCount).toBe(4); // page-1, page-10..12
    expect((await service().listDefinitions({ search: '%' })).totalCount).toBe(0);
    expect((await service().listDefinitions({ search: 'Bulk', pageSize: 5, page: 3 })).definitions.map((d) => d.name)).toEqual(['Bulk test 2', 'Bulk test 1']);
  });

  it('refuses a bad page or page size', async () => {
    await expect(service().listDefinitions({ page: 0 })).rejects.toMatchObject({ parameter: 'page' });
    await expect(service().listDefinitions({ pageSize: 101 })).rejects.toMatchObject({ parameter: 'pageSize', message: expect.stringContaining('1 to 100') });
  });
});
