/** launch_exploratory_test through a real client against the sandbox: both paths, a second launch refused. */
import type { Harness } from '../../test/helpers/harness.js';
import { answer, startWriteHarness, type ElicitScript } from '../../test/testio-tools/write-harness.js';

const initialized = (h: Harness, skip = 0) => h.sandbox!.data.tests.filter((t) => t.status === 'initialized')[skip]!;

describe('launch_exploratory_test', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWriteHarness();
  });
  afterAll(() => h.close());

  it('previews, launches with the token, reads the test back running; a second launch is refused naming test_id', async () => {
    const test = initialized(h);
    const preview = answer(await h.call('launch_exploratory_test', { test_id: test.id }));
    expect(preview).toMatchObject({ status: 'confirmation_required', preview: { test_id: test.id, status_from: 'initialized', status_to: 'running', title: test.test_title } });
    expect(h.sandbox!.data.tests.find((t) => t.id === test.id)!.status).toBe('initialized');
    // Seen by a read tool before (cached), then launched: the read tool shows it running at once.
    await h.call('get_test_status', { test_id: test.id });
    const done = answer(await h.call('launch_exploratory_test', { test_id: test.id, confirmation: preview.confirmation }));
    expect(done).toMatchObject({ status: 'applied', test: { id: test.id, status: 'running' } });
    expect(((await h.call('get_test_status', { test_id: test.id })).structuredContent as { test: { status: string } }).test.status).toBe('running');

    const again = await h.call('launch_exploratory_test', { test_id: test.id });
    expect(again.isError).toBe(true);
    expect(h.text(again)).toMatch(/test_id.*Test \d+ is running: only an initialized test can be launched, and a launched test cannot be launched again/s);
  });

  it('names test_id for an unknown test', async () => {
    expect(h.text(await h.call('launch_exploratory_test', { test_id: 1 }))).toMatch(/Test 1 was not found/);
  });
});

describe('launch_exploratory_test with elicitation', () => {
  it('launches on accept, not on decline', async () => {
    const script: ElicitScript = { next: { action: 'decline' }, seen: [] };
    const h = await startWriteHarness({ elicit: script });
    try {
      const test = initialized(h);
      expect(answer(await h.call('launch_exploratory_test', { test_id: test.id })).status).toBe('declined');
      expect(h.sandbox!.data.tests.find((t) => t.id === test.id)!.status).toBe('initialized');
      script.next = { action: 'accept', content: { confirm: true } };
      expect(answer(await h.call('launch_exploratory_test', { test_id: test.id }))).toMatchObject({ status: 'applied', test: { status: 'running' } });
    } finally {
      await h.close();
    }
  });
});
