import { startHarness, type Harness } from '../../test/helpers/harness.js';

interface Listing {
  definitions: Array<{ id: number; name: string }>;
  totalCount: number;
  page: number;
  pageSize: number;
}

describe('list-test-definitions', () => {
  let h: Harness;
  const list = async (args: Record<string, unknown> = {}) => (await h.call('list-test-definitions', args)).structuredContent as unknown as Listing;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers an empty database with what to do', async () => {
    const result = await h.call('list-test-definitions');
    expect(result.structuredContent).toEqual({ definitions: [], totalCount: 0, page: 1, pageSize: 10 });
    expect(h.text(result)).toContain('create-test-definition');
  });

  it('pages newest first and searches', async () => {
    for (let i = 1; i <= 12; i++) {
      await h.call('create-test-definition', { name: `Checkout ${i}`, targetUrl: `http://127.0.0.1:9/shop/${i}`, testType: 'step', steps: ['navigate to /'] });
    }
    await h.call('create-test-definition', { name: 'Sign-up works', targetUrl: 'http://127.0.0.1:9/demo/', testType: 'step', steps: ['navigate to /'] });

    const first = await list();
    expect(first).toMatchObject({ totalCount: 13, page: 1, pageSize: 10 });
    expect(first.definitions.map((d) => d.name).slice(0, 2)).toEqual(['Sign-up works', 'Checkout 12']);
    expect((await list({ page: 2 })).definitions.map((d) => d.name)).toEqual(['Checkout 3', 'Checkout 2', 'Checkout 1']);
    expect(await list({ search: 'sign-UP', pageSize: '5' })).toMatchObject({ totalCount: 1, pageSize: 5, definitions: [{ name: 'Sign-up works' }] });
    expect((await list({ search: 'shop/1' })).totalCount).toBe(4);

    const text = h.text(await h.call('list-test-definitions', { pageSize: 5 }));
    expect(text).toMatch(/page 1 of 3, 13 in all/);
    expect(text).toMatch(/\| ID \| Name \| Type \| Steps \| Target URL \| Updated \|/);
    expect(text).toContain('More on page 2.');
  });

  it.each([[{ pageSize: 500 }, /pageSize/], [{ page: 0 }, /page/], [{ sort: 'name' }, /Unknown parameter "sort"/]])('refuses %j', async (args, message) => {
    const result = await h.call('list-test-definitions', args);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(message);
  });
});
