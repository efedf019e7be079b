/**
 * User text → a full-text query that means what was typed, in either dialect. The user never
 * writes engine syntax: every word is quoted by us, so `login-page`, `AND`, `NEAR`, `"`, `:` or
 * `(` are searched as text, never run as operators and never a syntax error. The rules, all
 * reported back in `interpreted_as`:
 * - words are all required (AND); "double quotes" keep a phrase together;
 * - a trailing `*` asks for a prefix (`sign*` finds signup, signin);
 * - `-` and `_` inside a word are part of it (`login-page` is one word, as the index keeps it;
 *   PostgreSQL's parser indexes its parts too, so there `login` also finds `login-page`);
 *   other punctuation splits a word into a phrase (`foo.bar` = "foo bar");
 * - what holds no letter or digit (`***`, `--`) is listed in `ignored`, not silently dropped.
 */
import { UserInputError } from '../../platform/errors.js';

export const MAX_SEARCH_TERMS = 64;
export const MAX_QUERY_CHARS = 10_000;

export interface SearchTerm {
  /** Lower-case index words, in order (more than one = a phrase). */
  words: string[];
  /** The last word is a prefix. */
  prefix: boolean;
}

export interface ParsedSearch {
  terms: SearchTerm[];
  ignored: string[];
  /** The terms as the answer shows them: `"login-page"`, `sign*`. */
  interpreted_as: string[];
}

// Index words: letters, digits, marks, '-' and '_' (the FTS5 tokenchars); anything else separates.
const WORD = /[\p{L}\p{N}\p{M}_-]+/gu;

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/^[-_]+|[-_]+$/g, '')).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

export function parseSearch(text: string, parameter = 'query'): ParsedSearch {
  if (text.length > MAX_QUERY_CHARS) throw new UserInputError(parameter, `${parameter} is ${text.length} characters long; at most ${MAX_QUERY_CHARS}.`, 'Search for a few distinctive words.');
  const terms: SearchTerm[] = [];
  const ignored: string[] = [];
  // "a phrase"* | "a phrase" | a-word*  (an unbalanced quote reads as plain text)
  const pieces = text.match(/"[^"]*"\*?|[^\s"]+|"/g) ?? [];
  for (const piece of pieces) {
    const quoted = piece.startsWith('"') && piece.length > 1;
    const prefix = /\*+$/.test(piece);
    const body = quoted ? piece.replace(/\*+$/, '').slice(1, -1) : piece.replace(/\*+$/, '');
    const words = wordsOf(body);
    if (words.length === 0) {
      ignored.push(piece);
      continue;
    }
    terms.push({ words, prefix });
  }
  if (terms.length === 0) {
    const what = text.trim() === '' ? `${parameter} is empty` : `${parameter} has no letters or digits to search for`;
    throw new UserInputError(parameter, `${what}.`, 'Pass one or more words, e.g. "login-page crash" or "sign*" for a prefix.');
  }
  if (terms.length > MAX_SEARCH_TERMS) {
    throw new UserInputError(parameter, `${parameter} has ${terms.length} words; at most ${MAX_SEARCH_TERMS} (every word must match).`, 'Search for a few distinctive words.');
  }
  const interpreted_as = terms.map((t) => (t.words.length > 1 ? `"${t.words.join(' ')}"` : t.words[0]!) + (t.prefix ? '*' : ''));
  return { terms, ignored, interpreted_as };
}

/** PostgreSQL indexes no word longer than this (and refuses one in a tsquery): such a term matches nothing. */
const MAX_LEXEME_BYTES = 2047;

/** True when some term can match no document (every term is required, so nothing matches). */
export function matchesNothing(parsed: ParsedSearch): boolean {
  return parsed.terms.some((t) => t.words.some((w) => Buffer.byteLength(w) > MAX_LEXEME_BYTES));
}

/** FTS5 MATCH text: every term a quoted string ("" escapes a quote, though words hold none), ANDed. */
export function fts5Query(parsed: ParsedSearch): string {
  return parsed.terms.map((t) => `"${t.words.join(' ').replace(/"/g, '""')}"${t.prefix ? '*' : ''}`).join(' AND ');
}

/**
 * PostgreSQL tsquery text, cast with ::tsquery (no parser between us and the lexemes): each word a
 * quoted lexeme, a phrase joined by <->, a prefix marked :*, terms ANDed. The 'simple' tsvector
 * keeps `login-page` as a lexeme of its own (besides its parts), so the hyphenated word matches
 * exactly as on SQLite, and never "login page".
 */
export function tsQuery(parsed: ParsedSearch): string {
  const lexeme = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return parsed.terms
    .map((t) => {
      // PostgreSQL's parser splits at '_' (SQLite keeps it): foo_bar is the phrase foo <-> bar there.
      const parts = t.words.flatMap((w) => w.split('_').filter(Boolean));
      const words = parts.map((w, i) => lexeme(w) + (t.prefix && i === parts.length - 1 ? ':*' : ''));
      return words.length > 1 ? `(${words.join(' <-> ')})` : words[0]!;
    })
    .join(' & ');
}
