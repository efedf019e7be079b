/** Write endpoints change the live data: the next read and `handle.data` show the change. */
import { startSandbox, type Bug, type ExploratoryTest, type SandboxHandle } from '../../src/sandbox/index.js';
import { apiClient } from './helpers.js';

let sandbox: SandboxHandle;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 7 });
  api = apiClient(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

const bugWith = (predicate: (b: Bug) => boolean) => sandbox.data.bugs.find(predicate)!;
type BugAnswer = { bug: Bug };
type TestAnswer = { exploratory_test: ExploratoryTest };

describe('bug review actions', () => {
  it('accepts a forwarded bug', async () => {
    const bug = bugWith((b) => b.status === 'forwarded');
    const answer = await api.put<BugAnswer>(`/bugs/${bug.id}/accept`);
    expect(answer.status).toBe(200);
    expect(answer.body.bug).toMatchObject({ id: bug.id, status: 'accepted', auto_accepted: false });
    expect((await api.get<BugAnswer>(`/bugs/${bug.id}`)).body.bug.status).toBe('accepted');
    expect(sandbox.data.bugs.find((b) => b.id === bug.id)!.status).toBe('accepted');
  });

  it('rejects with reason and comment from a JSON body or the query string', async () => {
    const [first, second] = sandbox.data.bugs.filter((b) => b.status === 'forwarded').slice(0, 2) as [Bug, Bug];
    const byBody = await api.put<BugAnswer>(`/bugs/${first.id}/reject`, { reason: 'not_reproducible', comment: 'Tried on three devices.' });
    expect(byBody.body.bug).toMatchObject({ status: 'rejected', reject_reason: 'not_reproducible', reject_comment: 'Tried on three devices.' });
    const byQuery = await api.put<BugAnswer>(`/bugs/${second.id}/reject?reason=intended_behavior&comment=By%20design`);
    expect(byQuery.body.bug).toMatchObject({ status: 'rejected', reject_reason: 'intended_behavior', reject_comment: 'By design' });
  });

  it('refuses a reject without reason or comment (400) or with an unknown reason (422)', async () => {
    const bug = sandbox.data.bugs[5]!;
    const missing = await api.put(`/bugs/${bug.id}/reject`, { reason: 'irrelevant' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual(expect.stringContaining('comment'));
    const unknown = await api.put(`/bugs/${bug.id}/reject`, { reason: 'because', comment: 'x' });
    expect(unknown.status).toBe(422);
    const notJson = await fetch(`${sandbox.baseUrl}/bugs/${bug.id}/reject`, { method: 'PUT', headers: { Authorization: `Token ${sandbox.token}`, 'Content-Type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: expect.any(String) });
  });

  it('accepts or rejects only a forwarded bug (422 naming its status otherwise), and changes nothing then', async () => {
    const accepted = bugWith((b) => b.status === 'accepted');
    const rejected = bugWith((b) => b.status === 'rejected');
    for (const [bug, call] of [
      [accepted, () => api.put(`/bugs/${accepted.id}/reject`, { reason: 'irrelevant', comment: 'No.' })],
      [rejected, () => api.put(`/bugs/${rejected.id}/accept`)],
    ] as const) {
      const before = JSON.stringify(bug);
      const answer = await call();
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe(`Only forwarded bugs can be ${bug === accepted ? 'rejected' : 'accepted'}; bug ${bug.id} is ${bug.status}.`);
      expect(JSON.stringify(sandbox.data.bugs.find((b) => b.id === bug.id))).toBe(before);
    }
  });

  it('keeps each tenant\'s writes to its own data', async () => {
    const two = await startSandbox({ port: 0, seed: 7, extraTenantSeeds: [8] });
    try {
      const other = two.extraTenants[0]!;
      const bug = other.data.bugs.find((b) => b.status === 'forwarded')!;
      const statuses = (data: SandboxHandle['data']) => data.bugs.map((b) => `${b.id}:${b.status}`).join(',');
      const before = statuses(two.data);
      const answer = await fetch(`${two.baseUrl}/bugs/${bug.id}/accept`, { method: 'PUT', headers: { Authorization: `Token ${other.token}` } });
      expect(answer.status).toBe(200);
      expect(other.data.bugs.find((b) => b.id === bug.id)!.status).toBe('accepted');
      expect(statuses(two.data)).toBe(before);
    } finally {
      await two.close();
    }
  });

  it('marks as known, fixed and exported', async () => {
    const bug = bugWith((b) => !b.known && !b.fixed && b.export_status === 'not_exported');
    expect((await api.put<BugAnswer>(`/bugs/${bug.id}/mark_as_known`)).body.bug.known).toBe(true);
    expect((await api.put<BugAnswer>(`/bugs/${bug.id}/mark_as_fixed`)).body.bug.fixed).toBe(true);
    const exported = (await api.put<BugAnswer>(`/bugs/${bug.id}/mark_as_exported`)).body.bug;
    expect(exported).toMatchObject({ export_status: 'exported', exported_at: expect.any(String) });
    const filtered = await api.get<{ bugs: Bug[] }>(`/bugs?filter_test_cycle_ids=${bug.test.id}&export_status=exported`);
    expect(filtered.body.bugs.map((b) => b.id)).toContain(bug.id);
  });

  it('answers 404 for an unknown bug', async () => {
    expect((await api.put('/bugs/1/accept')).status).toBe(404);
  });
});

describe('creating and launching tests', () => {
  const body = (overrides: Record<string, unknown> = {}) => ({
    exploratory_test: {
      test_title: 'Checkout smoke test',
      goal: 'Make sure **checkout** works',
      instructions: 'Buy one item.',
      out_of_scope: 'Payments by invoice.',
      start_at: '2030-05-01T09:00:00+02:00',
      duration: '24',
      testing_type: 'rapid',
      test_environment: { title: 'Preview', url: 'https://preview.acme-bank.example' },
      features: [{ id: sandbox.data.catalogs.find((c) => c.product_id === 25073)!.features[0]!.id }, { title: 'Gift cards', description: 'New', howtofind: 'Menu' }],
      ...overrides,
    },
  });

  it('creates a test (201) that the list and GET by id then show', async () => {
    const created = await api.post<TestAnswer>('/products/25073/exploratory_tests', body());
    expect(created.status).toBe(201);
    const test = created.body.exploratory_test;
    expect(test).toMatchObject({ test_title: 'Checkout smoke test', title: 'Checkout smoke test', status: 'initialized', testing_type: 'rapid', duration: '24', goal_text: 'Make sure checkout works' });
    expect(test.features.map((f) => f.title)).toContain('Gift cards');
    expect(test.test_environment).toMatchObject({ title: 'Preview', url: 'https://preview.acme-bank.example' });
    expect(Date.parse(test.end_at) - Date.parse(test.start_at)).toBe(24 * 3_600_000);
    expect((await api.get<TestAnswer>(`/exploratory_tests/${test.id}`)).body.exploratory_test.id).toBe(test.id);
    const list = await api.get<{ exploratory_tests: ExploratoryTest[] }>('/products/25073/exploratory_tests');
    expect(list.body.exploratory_tests[0]!.id).toBe(test.id);
    expect(sandbox.data.tests.some((t) => t.id === test.id)).toBe(true);
  });

  it('validates the body: 400 without exploratory_test, 422 for bad fields, 404 for an unknown product', async () => {
    expect((await api.post('/products/25073/exploratory_tests', { title: 'x' })).status).toBe(400);
    for (const overrides of [{ test_title: '' }, { start_at: 'soon' }, { duration: 'long' }, { testing_type: 'chaos' }, { features: [{ id: 1 }] }, { features: undefined }]) {
      const answer = await api.post('/products/25073/exploratory_tests', body(overrides));
      expect([overrides, answer.status]).toEqual([overrides, 422]);
      expect(answer.body.error).toEqual(expect.any(String));
    }
    expect((await api.post('/products/1/exploratory_tests', body())).status).toBe(404);
  });

  it('creates from a test template', async () => {
    const template = sandbox.data.catalogs.find((c) => c.product_id === 25073)!.test_templates[0]!;
    const answer = await api.post<TestAnswer>('/products/25073/exploratory_tests', body({ features: undefined, test_template: { id: template.id } }));
    expect(answer.status).toBe(201);
    expect(answer.body.exploratory_test.features.map((f) => f.feature_id)).toEqual(template.feature_ids);
  });

  it('launches an initialized test once', async () => {
    const created = (await api.post<TestAnswer>('/products/25073/exploratory_tests', body())).body.exploratory_test;
    const launched = await api.post<TestAnswer>(`/exploratory_tests/${created.id}/launch`);
    expect(launched.status).toBe(200);
    expect(launched.body.exploratory_test).toMatchObject({ id: created.id, status: 'running' });
    expect(Date.parse(launched.body.exploratory_test.start_at)).toBeLessThanOrEqual(Date.now());
    expect((await api.post(`/exploratory_tests/${created.id}/launch`)).status).toBe(422);
    expect((await api.post('/exploratory_tests/1/launch')).status).toBe(404);
  });
});
