import { startAnalyticsHarness, callOk, MAIN_PRODUCT, type AnalyticsHarness } from '../../test/analytics/tool-harness.js';
import type { SearchResult } from '../../src/analytics/queries/search.js';

describe('search over the synced sandbox', () => {
  let h: AnalyticsHarness;
  beforeAll(async () => {
    h = await startAnalyticsHarness({ productIds: [MAIN_PRODUCT] });
  });
  afterAll(() => h.close());

  it('finds bugs by a word of their title, every hit containing it', async () => {
    const word = h.sandbox!.data.bugs.find((b) => b.product.id === MAIN_PRODUCT)!.title.split(/\s+/).find((w) => /^[a-z]{5,}$/i.test(w))!;
    const out = await callOk<SearchResult>(h, 'search', { query: word, kinds: 'bug', limit: 100 });
    expect(out.returned).toBeGreaterThan(0);
    expect(out.interpreted_as).toEqual([word.toLowerCase()]);
    const wire = new Map(h.sandbox!.data.bugs.map((b) => [b.id, b]));
    for (const hit of out.hits) {
      const bug = wire.get(hit.id)!;
      expect(`${bug.title} ${bug.actual_result} ${bug.expected_result} ${bug.steps.join(' ')} ${bug.location}`.toLowerCase()).toContain(word.toLowerCase());
    }
    expect(h.text(await h.call('search', { query: word, kinds: 'bug' }))).toContain('| Kind | ID |');
  });

  it('never crashes on hostile text: quotes, operators, login-page, a prefix, empty, 10,000 characters', async () => {
    for (const query of ['"unbalanced', 'login-page', 'NEAR(a b) AND OR NOT', 'sign*', "it's -x ^y :z", 'x'.repeat(10_000)]) {
      const result = await h.call('search', { query });
      expect(result.isError ? query : 'ok').toBe('ok');
    }
    const empty = await h.call('search', { query: '   ' });
    expect(empty.isError).toBe(true);
    expect(h.text(empty)).toContain('query');
    const tooLong = await h.call('search', { query: 'x'.repeat(10_001) });
    expect(tooLong.isError).toBe(true);
  });
});
