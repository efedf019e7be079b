/**
 * Text we did not write (names, titles, step text, anything from the API or a user) made safe to
 * show: it must not break the markdown of an answer nor drive the terminal of `testio-mcp call`.
 *
 * - Terminal: ANSI/VT escape sequences (CSI, OSC such as hyperlinks and window titles, DCS...) are
 *   removed with their payload, as are other control characters and bidi overrides.
 * - Markdown: a value stays on one line (line breaks become a space) and the characters that
 *   could open markup (emphasis, code, links and images, HTML, table cells, a heading or list at
 *   the start) are backslash-escaped. The escaping is idempotent, so a formatter that escapes
 *   again (a table cell) changes nothing; URLs are left readable.
 *
 * The renderer applies this to a display copy of every answer (see render.ts); structuredContent
 * keeps the raw values.
 */

/* eslint-disable no-control-regex -- matching control characters is this module's job */

/** ESC/C1 sequences: CSI; OSC, DCS, SOS, PM, APC up to their terminator (or the end of the line); two-byte escapes. */
const ESCAPE_SEQUENCES =
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -~]?/g;
/** Controls other than tab and newline, DEL, C1, and the bidi controls that reorder what a terminal shows. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\s*(?:\r\n|[\r\n\t\v\f\u0085\u2028\u2029])\s*/g;
/** Anything any of the functions below would change. */
const SUSPECT = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\\`*_~[\]<>|#+=!-]|^\s*\d{1,9}[.)](?:\s|$)/;

/* eslint-enable no-control-regex */

/** A whole answer for a terminal: escape sequences and controls removed, lines and tabs kept. */
export function terminalSafe(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '');
}

/** One value on one line, free of escape sequences and controls. */
export function plainValue(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCES, '').replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
}

const URL_TOKEN = /\b(?:https?|file):\/\/[^\s<>`|[\]*\\]+/g;
const ALWAYS_ESCAPED = new Set(['`', '*', '[', ']', '<', '>', '|', '~']);
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const isAlnum = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

function escapeRun(text: string, escaped: ReadonlySet<string> = ALWAYS_ESCAPED, underscores = true): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\\') {
      // An escape pair stays as it is (idempotence); a lone backslash is escaped itself.
      const next = text[i + 1];
      if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
        out += ch + next;
        i += 1;
      } else out += '\\\\';
    } else if (escaped.has(ch) || (underscores && ch === '_' && !(isAlnum(text[i - 1]) && isAlnum(text[i + 1])))) {
      out += `\\${ch}`;
    } else out += ch;
  }
  return out;
}

/*
 * Exactly what escapeMarkdown would change, so that the common value (an id, a date, a snake_case
 * key, a plain title) skips the character-by-character pass: controls and escapes, backslashes,
 * the always-escaped characters, an underscore not inside a word, block markup at the start.
 * Underscores next to astral characters take the slow path, whose word test reads UTF-16 units.
 */
/* eslint-disable-next-line no-control-regex -- control characters are part of what must be escaped */
const NEEDS_ESCAPE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\\`*[\]<>|~]|(?:^|[^\p{L}\p{N}])_|_(?:$|[^\p{L}\p{N}])|^\s*(?:[#>+=-]|\d{1,9}[.)](?:\s|$))/u;
const SURROGATE = /[\ud800-\udfff]/;

/** Whether markdownValue changes `text`: false means it is returned as it is. */
export function needsMarkdownEscape(text: string): boolean {
  return NEEDS_ESCAPE.test(text) || (text.includes('_') && SURROGATE.test(text));
}

/** plainValue, with markdown markup neutralised. */
export function markdownValue(text: string): string {
  return needsMarkdownEscape(text) ? escapeMarkdown(text) : text;
}

/** The full pass behind markdownValue (exported for the test that proves the shortcut exact). */
export function escapeMarkdown(text: string): string {
  const plain = plainValue(text);
  if (!SUSPECT.test(plain)) return plain;
  let out = '';
  let last = 0;
  for (const match of plain.matchAll(URL_TOKEN)) {
    out += escapeRun(plain.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  out += escapeRun(plain.slice(last));
  // Block markup only counts at the start of a line, where a value may be placed.
  return out.replace(/^(\s*)([#>+=-])/, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

const PIPE = new Set(['|']);

/**
 * A table cell: one line with its pipes escaped, and nothing else touched, so a renderer's own
 * markup in a cell (`code`) survives. Values from the display copy are fully escaped already.
 */
export function tableCell(text: string): string {
  return escapeRun(plainValue(text), PIPE, false);
}

/** Undoes markdownValue's escapes, for plain-text renderings built from a display copy. */
export function unescapeMarkdown(text: string): string {
  return text.includes('\\') ? text.replace(/\\([!-/:-@[-`{-~])/g, '$1') : text;
}

/** A deep copy with every string, keys included, passed through `map`. */
export function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[map(key)] = mapStrings(item, map);
  return out as T;
}

/** What renderers receive: every string of the answer made safe for markdown and terminals. */
export function displayCopy<T>(value: T): T {
  return mapStrings(value, markdownValue);
}

/** JSON for a terminal: the same value, with what JSON.stringify leaves raw written as \u escapes. */
export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
