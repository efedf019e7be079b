/**
 * search: any user text is safe and means what it says, on FTS5 and on tsvector alike: quotes,
 * `-` inside words, a trailing `*`, engine operators, empty and 10,000-character queries.
 */
import fc from 'fast-check';
import type { AnalyticsStore } from '../../../src/analytics/store/open-store.js';
import { search } from '../../../src/analytics/queries/search.js';
import { fts5Query, parseSearch, tsQuery } from '../../../src/analytics/queries/search-text.js';
import { dialects } from './fixture.js';

describe('search text', () => {
  it('quotes every term, keeps a trailing * as a prefix and hyphenated words whole', () => {
    const parsed = parseSearch('Login-Page sign* "checkout flow" AND (x)');
    expect(parsed.interpreted_as).toEqual(['login-page', 'sign*', '"checkout flow"', 'and', 'x']);
    expect(fts5Query(parsed)).toBe('"login-page" AND "sign"* AND "checkout flow" AND "and" AND "x"');
    expect(tsQuery(parsed)).toBe("'login-page' & 'sign':* & ('checkout' <-> 'flow') & 'and' & 'x'");
  });

  it('reports what it could not search for instead of dropping it silently', () => {
    expect(parseSearch('crash *** --').ignored).toEqual(['***', '--']);
  });

  it('refuses empty, punctuation-only and over-long queries naming the parameter', () => {
    for (const text of ['', '   ', '***', '" "', 'x'.repeat(10_001)]) {
      expect(() => parseSearch(text)).toThrow(expect.objectContaining({ parameter: 'query' }));
    }
    expect(() => parseSearch(Array.from({ length: 65 }, (_, i) => `w${i}`).join(' '))).toThrow(expect.objectContaining({ parameter: 'query' }));
  });
});

const DOCS = [
  { kind: 'bug', entity_id: 1, product_id: 7, title: 'Crash on login-page', body: 'The login-page throws after sign-up' },
  { kind: 'bug', entity_id: 2, product_id: 7, title: 'Login page is slow', body: 'The login page takes 5 s' },
  { kind: 'test', entity_id: 3, product_id: 7, title: 'Signup regression', body: 'signin and signup flows' },
  { kind: 'feature', entity_id: 4, product_id: 8, title: 'Checkout flow', body: 'pay with "quotes" and NEAR(x) AND OR NOT' },
  { kind: 'product', entity_id: 8, product_id: 8, title: 'Web shop', body: 'foo_bar widgets' },
];

for (const dialect of dialects()) {
  describe(`search on ${dialect.name}`, () => {
    let store: AnalyticsStore;
    beforeAll(async () => {
      store = await dialect.open();
      await store.db.insertInto('search_docs').values(DOCS).execute();
    });
    afterAll(() => dialect.drop(store));
    const ids = async (query: string, extra: { kinds?: ('bug' | 'test' | 'feature' | 'product')[]; product_ids?: number[] } = {}) =>
      (await search(store.db, store.dialect, { query, ...extra })).hits.map((h) => h.id).sort();

    it('finds login-page as one word, never "login page"', async () => {
      expect(await ids('login-page')).toEqual([1]);
      expect(await ids('"login-page"')).toEqual([1]);
      // The one difference: PostgreSQL also indexes the parts of a hyphenated word.
      expect(await ids('login page')).toEqual(store.dialect === 'sqlite' ? [2] : [1, 2]);
    });

    it('keeps a trailing * as a prefix', async () => {
      expect(await ids('sign*')).toEqual([1, 3]);
      expect(await ids('signu*')).toEqual([3]);
      expect(await ids('signup')).toEqual([3]);
    });

    it('searches operators and quotes as words', async () => {
      expect(await ids('NEAR AND')).toEqual([4]);
      expect(await ids('"quotes"')).toEqual([4]);
      expect(await ids('NOT')).toEqual([4]);
      expect(await ids('foo_bar')).toEqual([8]);
    });

    it('filters by kind and product, and reports more results past the limit', async () => {
      expect(await ids('login*', { kinds: ['bug'] })).toEqual([1, 2]);
      expect(await ids('login*', { product_ids: [8] })).toEqual([]);
      const page = await search(store.db, store.dialect, { query: 'login*', limit: 1 });
      expect(page).toMatchObject({ returned: 1, more: true });
    });

    it('never crashes on any text: an answer or a clear error naming query', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[-*"():^'\\a-z ]{0,40}$/), fc.string({ unit: 'grapheme', maxLength: 20 })), async (text) => {
          try {
            await search(store.db, store.dialect, { query: text });
          } catch (error) {
            expect(error).toMatchObject({ parameter: 'query' });
          }
        }),
        { numRuns: 150 },
      );
      const long = await search(store.db, store.dialect, { query: 'a'.repeat(10_000) });
      expect(long.returned).toBe(0);
    });
  });
}
