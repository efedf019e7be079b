/**
 * search: products, features, tests and bugs by their words, through FTS5 (bm25, title weighted
 * above body) on SQLite and a tsvector GIN index (ts_rank) on PostgreSQL. The user's text goes
 * through parseSearch first, so it reaches the engine only as quoted terms and a bound parameter.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreDialect } from '../store/migrations.js';
import type { AnalyticsTables } from '../store/tables.js';
import { DEFAULT_SEARCH_LIMIT, type SearchKind } from './limits.js';
import type { SearchHit } from './schemas.js';
import { fts5Query, matchesNothing, parseSearch, tsQuery } from './search-text.js';

const SNIPPET_CHARS = 160;

export interface SearchQuery {
  query: string;
  kinds?: readonly SearchKind[];
  product_ids?: readonly number[];
  limit?: number;
}

export interface SearchResult {
  interpreted_as: string[];
  ignored: string[];
  returned: number;
  /** More matches exist beyond `limit`. */
  more: boolean;
  hits: SearchHit[];
}

interface HitRow {
  kind: string;
  entity_id: number;
  product_id: number;
  title: string;
  snippet: string;
}

const inList = (column: RawBuilder<unknown>, values: readonly (string | number)[] | undefined) =>
  values && values.length > 0 ? sql`AND ${column} IN (${sql.join(values.map((v) => sql`${v}`))})` : sql``;

export async function search(db: Kysely<AnalyticsTables>, dialect: StoreDialect, q: SearchQuery): Promise<SearchResult> {
  const parsed = parseSearch(q.query);
  const limit = q.limit ?? DEFAULT_SEARCH_LIMIT;
  const kinds = inList(sql.ref('d.kind'), q.kinds);
  const products = inList(sql.ref('d.product_id'), q.product_ids);
  if (matchesNothing(parsed)) return { interpreted_as: parsed.interpreted_as, ignored: parsed.ignored, returned: 0, more: false, hits: [] };
  const rows =
    dialect === 'sqlite'
      ? await sql<HitRow>`SELECT d.kind, d.entity_id, d.product_id, d.title, substr(d.body, 1, ${SNIPPET_CHARS}) AS snippet
          FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
          WHERE search_fts MATCH ${fts5Query(parsed)} ${kinds} ${products}
          ORDER BY bm25(search_fts, 10.0, 1.0), d.id LIMIT ${limit + 1}`.execute(db)
      : await sql<HitRow>`SELECT d.kind, d.entity_id, d.product_id, d.title, left(d.body, ${SNIPPET_CHARS}) AS snippet
          FROM search_docs d, CAST(${tsQuery(parsed)} AS tsquery) AS q
          WHERE d.tsv @@ q ${kinds} ${products}
          ORDER BY ts_rank(d.tsv, q) DESC, d.id LIMIT ${limit + 1}`.execute(db);
  const hits = rows.rows.slice(0, limit).map((r) => ({
    kind: r.kind as SearchHit['kind'],
    id: Number(r.entity_id),
    product_id: Number(r.product_id),
    title: r.title,
    snippet: r.snippet,
  }));
  return { interpreted_as: parsed.interpreted_as, ignored: parsed.ignored, returned: hits.length, more: rows.rows.length > limit, hits };
}
