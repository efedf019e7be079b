/** Read endpoints over real HTTP: wrapping keys, paging rules, filters, auth and error bodies. */
import { startSandbox, type Bug, type ExploratoryTest, type SandboxHandle } from '../../src/sandbox/index.js';
import { apiClient } from './helpers.js';

let sandbox: SandboxHandle;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  api = apiClient(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

const newestFirst = (productId: number) =>
  sandbox.data.tests
    .filter((t) => t.product.id === productId)
    .sort((a, b) => Date.parse(b.start_at) - Date.parse(a.start_at) || b.id - a.id)
    .map((t) => t.id);

const ids = (items: Array<{ id: number }>) => items.map((i) => i.id);

describe('handle', () => {
  it('exposes url, baseUrl, port and a seed-derived token', () => {
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox.baseUrl).toBe(`${sandbox.url}/customer/v2`);
    expect(sandbox.token).toMatch(/^sbx_[0-9a-f]{32}$/);
  });

  it('describes itself at / and answers unknown control paths with a JSON 404', async () => {
    const root = await fetch(`${sandbox.url}/`);
    expect(await root.json()).toMatchObject({ api: '/customer/v2', demo: '/demo/' });
    const unknown = await fetch(`${sandbox.url}/__sandbox/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.any(String) });
  });
});

describe('auth and errors', () => {
  it('answers 401 with a JSON error without a token or with a wrong one', async () => {
    for (const token of [null, 'wrong']) {
      const answer = await api.get('/products', { token });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: expect.any(String) });
    }
  });

  it('checks the token on every route, even unknown ones', async () => {
    expect((await api.get('/exploratory_tests/109363', { token: null })).status).toBe(401);
    expect((await api.get('/no/such/route', { token: null })).status).toBe(401);
  });

  it('answers 404 with a JSON error for unknown ids and routes', async () => {
    for (const path of ['/products/1', '/exploratory_tests/1', '/bugs/1', '/products/1/exploratory_tests', '/no/such/route', '/bugs/abc']) {
      const answer = await api.get(path);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.body).toEqual({ error: expect.any(String) });
    }
  });

  it('answers 400 for malformed parameters and 405 for a wrong method', async () => {
    for (const path of ['/products/25073/exploratory_tests?page=0', '/products/25073/exploratory_tests?page=x', '/products/25073/exploratory_tests?page=1&per_page=-1', '/bugs?filter_product_ids=abc', '/bugs?export_status=maybe']) {
      const answer = await api.get(path);
      expect([path, answer.status]).toEqual([path, 400]);
      expect(answer.body.error).toEqual(expect.any(String));
    }
    const wrong = await api.post('/products');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

describe('products and catalog', () => {
  it('lists products under "products" and filters by filter[product_ids][]', async () => {
    const all = await api.get<{ products: Array<{ id: number }> }>('/products');
    expect(all.status).toBe(200);
    expect(all.body.products).toEqual(sandbox.data.products);
    const some = await api.get<{ products: Array<{ id: number }> }>('/products?filter[product_ids][]=25073&filter[product_ids][]=18442');
    expect(ids(some.body.products).sort()).toEqual([18442, 25073]);
  });

  it('returns one product under "product"', async () => {
    const answer = await api.get('/products/25073');
    expect(answer.body).toEqual({ product: sandbox.data.products.find((p) => p.id === 25073) });
  });

  it('returns features, with user story objects on includes[]=user_stories', async () => {
    const plain = await api.get<{ features: Array<{ user_stories: unknown[] }> }>('/products/25073/features');
    expect(plain.body.features.length).toBeGreaterThan(3);
    expect(typeof plain.body.features[0]!.user_stories[0]).toBe('string');
    const rich = await api.get<{ features: Array<{ user_stories: unknown[] }> }>('/products/25073/features?includes[]=user_stories');
    expect(rich.body.features[0]!.user_stories[0]).toEqual({ id: expect.any(Number), path: expect.any(String), title: expect.any(String) });
  });

  it('serves section features and requires section_id for user stories of sectioned products', async () => {
    const product = sandbox.data.products.find((p) => p.sections.length > 0)!;
    const section = product.sections[0]!;
    const features = await api.get<{ features: unknown[] }>(`/products/${product.id}/sections/${section.id}/features`);
    expect(features.body.features.length).toBeGreaterThan(0);
    expect((await api.get(`/products/${product.id}/sections/1/features`)).status).toBe(404);
    expect((await api.get(`/products/${product.id}/user_stories`)).status).toBe(400);
    const stories = await api.get<{ user_stories: unknown[] }>(`/products/${product.id}/user_stories?section_id=${section.id}`);
    expect(stories.body.user_stories.length).toBeGreaterThan(0);
    const flat = await api.get<{ user_stories: unknown[] }>('/products/25073/user_stories');
    expect(flat.status).toBe(200);
    expect(flat.body.user_stories.length).toBeGreaterThan(0);
  });

  it('serves test environments, test templates and reject reasons', async () => {
    const environments = await api.get<{ test_environments: unknown[] }>('/products/25073/test_environments');
    expect(environments.body.test_environments.length).toBeGreaterThan(0);
    const templates = await api.get<{ test_templates: Array<{ product_id: number }> }>('/test_templates?product_id=25073');
    expect(templates.body.test_templates.every((t) => t.product_id === 25073)).toBe(true);
    const reasons = await api.get<{ reject_reasons: Array<{ key: string }> }>('/bugs/reject_reasons');
    expect(reasons.body.reject_reasons.map((r) => r.key)).toEqual(
      expect.arrayContaining(['device_not_relevant', 'ignored_instructions', 'intended_behavior', 'irrelevant', 'known_bug', 'not_reproducible', 'request_timeout']),
    );
  });
});

describe('exploratory test paging', () => {
  type TestList = { exploratory_tests: ExploratoryTest[] };

  it('without page returns the newest 150 only, newest first', async () => {
    const big = sandbox.data.products.find((p) => sandbox.data.tests.filter((t) => t.product.id === p.id).length > 150)!;
    const answer = await api.get<TestList>(`/products/${big.id}/exploratory_tests`);
    expect(answer.body.exploratory_tests).toHaveLength(150);
    expect(ids(answer.body.exploratory_tests)).toEqual(newestFirst(big.id).slice(0, 150));
    const small = await api.get<TestList>('/products/25073/exploratory_tests');
    expect(ids(small.body.exploratory_tests)).toEqual(newestFirst(25073));
  });

  it('with page uses per_page 25 by default and a fixed order across pages', async () => {
    const expected = newestFirst(25073);
    const collected: number[] = [];
    for (let page = 1; ; page++) {
      const answer = await api.get<TestList>(`/products/25073/exploratory_tests?page=${page}`);
      if (answer.body.exploratory_tests.length === 0) break;
      expect(answer.body.exploratory_tests.length).toBeLessThanOrEqual(25);
      collected.push(...ids(answer.body.exploratory_tests));
    }
    expect(collected).toEqual(expected);
    const sized = await api.get<TestList>('/products/25073/exploratory_tests?page=2&per_page=10');
    expect(ids(sized.body.exploratory_tests)).toEqual(expected.slice(10, 20));
  });

  it('answers an out-of-range page with an empty list and ignores ?status=', async () => {
    expect((await api.get('/products/25073/exploratory_tests?page=999')).body).toEqual({ exploratory_tests: [] });
    const filtered = await api.get<TestList>('/products/25073/exploratory_tests?status=running');
    expect(ids(filtered.body.exploratory_tests)).toEqual(newestFirst(25073));
  });

  it('adds analytics only when reading one test', async () => {
    const list = await api.get<TestList>('/products/25073/exploratory_tests?page=1');
    expect(list.body.exploratory_tests[0]!.analytics).toBeUndefined();
    const one = await api.get<{ exploratory_test: ExploratoryTest }>('/exploratory_tests/109363');
    const { analytics, ...test } = one.body.exploratory_test;
    expect(test).toEqual(sandbox.data.tests.find((t) => t.id === 109363));
    const bugs = sandbox.data.bugs.filter((b) => b.test.id === 109363);
    expect(analytics).toMatchObject({ total_bugs: bugs.length, total_features: test.features.length });
    expect(analytics!.testers_count).toBeGreaterThan(0);
  });
});

describe('bugs', () => {
  type BugList = { bugs: Bug[] };

  it('returns every match of filter_test_cycle_ids, no paging', async () => {
    const answer = await api.get<BugList>('/bugs?filter_test_cycle_ids=120000');
    expect(answer.body.bugs).toHaveLength(2000);
    const two = await api.get<BugList>('/bugs?filter_test_cycle_ids=109363,109364');
    const expected = sandbox.data.bugs.filter((b) => b.test.id === 109363 || b.test.id === 109364);
    expect(ids(two.body.bugs).sort()).toEqual(ids(expected).sort());
  });

  it('filters by product, section and export status, combined', async () => {
    const byProduct = await api.get<BugList>('/bugs?filter_product_ids=25073');
    expect(byProduct.body.bugs.length).toBe(sandbox.data.bugs.filter((b) => b.product.id === 25073).length);
    const product = sandbox.data.products.find((p) => p.sections.length > 0)!;
    const section = product.sections.find((s) => sandbox.data.bugs.some((b) => b.section.id === s.id))!;
    const bySection = await api.get<BugList>(`/bugs?filter_section_ids=${section.id}`);
    expect(bySection.body.bugs.length).toBeGreaterThan(0);
    expect(bySection.body.bugs.every((b) => b.section.id === section.id)).toBe(true);
    const exported = await api.get<BugList>('/bugs?filter_product_ids=25073&export_status=exported');
    expect(exported.body.bugs.length).toBe(sandbox.data.bugs.filter((b) => b.product.id === 25073 && b.export_status === 'exported').length);
    expect(exported.body.bugs.every((b) => b.export_status === 'exported' && b.exported_at !== null)).toBe(true);
  });

  it('returns one bug under "bug"', async () => {
    const bug = sandbox.data.bugs[0]!;
    expect((await api.get(`/bugs/${bug.id}`)).body).toEqual({ bug });
  });
});
