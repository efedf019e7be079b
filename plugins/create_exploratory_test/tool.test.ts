/** create_exploratory_test through a real client against the sandbox: preview of schedule and scope, date phrases, both paths. */
import type { Harness } from '../../test/helpers/harness.js';
import { answer, startWriteHarness, type ElicitScript } from '../../test/testio-tools/write-harness.js';

const HOUR = 3_600_000;

describe('create_exploratory_test', () => {
  let h: Harness;
  let base: Record<string, unknown>;
  beforeAll(async () => {
    h = await startWriteHarness();
    const catalog = h.sandbox!.data.catalogs.find((c) => c.product_id === 25073)!;
    base = {
      product_id: 25073,
      title: 'Checkout smoke test',
      goal: 'Make sure checkout works',
      instructions: 'Buy one item.',
      start_at: 'tomorrow',
      duration_hours: 24,
      testing_type: 'rapid',
      features: [catalog.features[0]!.id, { title: 'Gift cards', howtofind: 'Menu › Gift cards' }],
      test_environment: catalog.test_environments[0]!.id,
    };
  });
  afterAll(() => h.close());

  it('previews the schedule and scope without creating anything, then creates with the token and reads it back', async () => {
    const testsBefore = h.sandbox!.data.tests.length;
    const listed = async () => ((await h.call('list_tests', { product_id: 25073, statuses: ['initialized'] })).structuredContent as { tests: Array<{ id: number }> }).tests.map((t) => t.id);
    const initializedBefore = await listed();
    const preview = answer(await h.call('create_exploratory_test', base));
    expect(preview.status).toBe('confirmation_required');
    const p = preview.preview as { start_at: string; end_at: string; duration_hours: number; testing_type: string; features: string[]; product: { id: number } };
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    expect(Date.parse(p.start_at)).toBe(tomorrow.getTime());
    expect(Date.parse(p.end_at) - Date.parse(p.start_at)).toBe(24 * HOUR);
    expect(p).toMatchObject({ testing_type: 'rapid', duration_hours: 24, product: { id: 25073 } });
    expect(p.features).toEqual([expect.stringMatching(/^feature \d+$/), 'new feature "Gift cards"']);
    expect(h.sandbox!.data.tests.length).toBe(testsBefore);

    const done = answer(await h.call('create_exploratory_test', { ...base, confirmation: preview.confirmation }));
    expect(done.status).toBe('applied');
    expect(done.test).toMatchObject({ status: 'initialized', title: 'Checkout smoke test', testing_type: 'rapid' });
    const created = h.sandbox!.data.tests.find((t) => t.id === done.test!.id)!;
    expect(created.features.map((f) => f.title)).toContain('Gift cards');
    expect(created.duration).toBe('24');
    // The product's cached test list was invalidated: list_tests shows the new test at once.
    expect(await listed()).toEqual(expect.arrayContaining([...initializedBefore, created.id]));
  });

  it('refuses a past or unreadable start, both or neither of features and template, an unknown product', async () => {
    expect(h.text(await h.call('create_exploratory_test', { ...base, start_at: '2024-10-01' }))).toMatch(/start_at.*in the past/s);
    expect(h.text(await h.call('create_exploratory_test', { ...base, start_at: 'whenever' }))).toMatch(/start_at.*not a start date I understand.*in N hours/s);
    expect(h.text(await h.call('create_exploratory_test', { ...base, test_template_id: 5 }))).toMatch(/features.*exactly one/s);
    const { features: _f, ...noScope } = base;
    expect(h.text(await h.call('create_exploratory_test', noScope))).toMatch(/features.*exactly one/s);
    expect(h.text(await h.call('create_exploratory_test', { ...base, product_id: 1 }))).toMatch(/Product 1 was not found/);
    expect(h.text(await h.call('create_exploratory_test', { ...base, duration_hours: 0 }))).toMatch(/duration_hours/);
  });

  it('passes the API\'s own refusal on (an environment of another product), creating nothing', async () => {
    const count = h.sandbox!.data.tests.length;
    const args = { ...base, test_environment: 999_999, start_at: 'in 2 days' };
    const token = answer(await h.call('create_exploratory_test', args)).confirmation;
    const refused = await h.call('create_exploratory_test', { ...args, confirmation: token });
    expect(refused.isError).toBe(true);
    expect(h.text(refused)).toMatch(/test_environment 999999 does not belong to product 25073/);
    expect(h.sandbox!.data.tests.length).toBe(count);
  });
});

describe('create_exploratory_test with elicitation', () => {
  it('creates when the user accepts; a cancel creates nothing', async () => {
    const script: ElicitScript = { next: { action: 'cancel' }, seen: [] };
    const h = await startWriteHarness({ elicit: script });
    try {
      const catalog = h.sandbox!.data.catalogs.find((c) => c.product_id === 25073)!;
      const args = { product_id: 25073, title: 'From a template', goal: 'g', instructions: 'i', start_at: 'in 3 hours', duration_hours: 2, test_template_id: catalog.test_templates[0]!.id, test_environment: { title: 'Preview', url: 'https://preview.example.com' } };
      const count = h.sandbox!.data.tests.length;
      expect(answer(await h.call('create_exploratory_test', args)).status).toBe('cancelled');
      expect(h.sandbox!.data.tests.length).toBe(count);
      expect(script.seen[0]!.params.message).toMatch(/schedule: .* \(2 h\)/);
      script.next = { action: 'accept', content: { confirm: true } };
      const done = answer(await h.call('create_exploratory_test', args));
      expect(done).toMatchObject({ status: 'applied', test: { status: 'initialized' } });
      expect(h.sandbox!.data.tests.length).toBe(count + 1);
    } finally {
      await h.close();
    }
  });
});
