/**
 * The finished answers of recent calls, so that a cached call whose service returns the same data
 * again reuses the answer that was rendered, redacted, capped and checked against the tool's
 * outputSchema the first time, instead of doing all four again (in a profile of the stdio server
 * they were most of our own work on a cached get_test_status call).
 *
 * An answer is a pure function of what it is keyed and checked by, so a hit is the answer those
 * steps would produce again:
 * - the tool and its arguments as parsed (the renderer sees them), per caller (tenant and user),
 *   so one tenant's answers are never handed to another even when equal, and tenants asking the
 *   same question do not push each other's answers out;
 * - the handler's value, compared in full with a copy of the kept one as JSON data (`sameData`:
 *   cheaper than serialising it again, which was the first version);
 * - the secrets redacted from it (the configured ones and the caller's token) and whether pictures
 *   are on (CHARTS).
 * A renderer must therefore depend on the value and the arguments only (define-tool.ts says so).
 * Only answers that passed the output check and needed no redaction of their value are kept, and
 * only within a size budget: the oldest are dropped first. What is kept is the content blocks
 * (strings); a hit's structuredContent is the value the handler returned this time, whose JSON is
 * the kept one, so a caller that changes an answer it received cannot change a later one. A hit
 * also carries the JSON of the whole answer (./serialized-answer.ts), made once when it was kept.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { withSerialized } from './serialized-answer.js';

/** Characters kept over all entries: value JSON, arguments, the content blocks' text and the answer's JSON. */
export const MEMO_BUDGET_CHARS = 2_000_000;
/** Larger values are never kept: a big page is rarely asked for twice in a row. */
export const MEMO_MAX_VALUE_CHARS = 200_000;

interface Entry {
  /** The kept value as JSON data (parsed from its JSON: nobody else holds it, so nobody can change it). */
  snapshot: unknown;
  secrets: readonly string[];
  pictures: boolean;
  content: CallToolResult['content'];
  /** The JSON of the whole answer (content blocks and the kept value), made on the first hit. */
  resultJson?: string;
  json: string;
  size: number;
}

export interface AnswerKey {
  tool: string;
  /** Whose answers: the caller's tenant and user. */
  scope: string;
  /** JSON of the parsed arguments. */
  args: string;
  secrets: readonly string[];
  pictures: boolean;
}

const entryId = (key: AnswerKey) => `${key.tool}\u0000${key.scope}\u0000${key.args}`;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * Is `value` the JSON data `snapshot` (a JSON.parse result)? Keys holding undefined count as
 * absent, as in JSON. Anything JSON would change (a Date, a Map, a class instance, NaN, a toJSON
 * method) is never equal, so such a value is simply rendered every time.
 */
export function sameData(value: unknown, snapshot: unknown): boolean {
  if (value === snapshot) return true;
  if (typeof value !== 'object' || typeof snapshot !== 'object' || value === null || snapshot === null) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(snapshot) || value.length !== snapshot.length) return false;
    for (let i = 0; i < value.length; i += 1) if (!sameData(value[i], snapshot[i])) return false;
    return true;
  }
  if (Array.isArray(snapshot)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return false;
  const kept = snapshot as Record<string, unknown>;
  let keys = 0;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    keys += 1;
    if (!sameData(item, kept[key])) return false;
  }
  // Counted without Object.keys: its array per compared object was most of a hit's garbage.
  for (const _key in kept) keys -= 1;
  return keys === 0;
}

export class AnswerMemo {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  constructor(private readonly budget = MEMO_BUDGET_CHARS) {}

  /** The kept answer for exactly this key and value, with `value` as its structuredContent; or undefined. */
  get(key: AnswerKey, value: Record<string, unknown>): CallToolResult | undefined {
    const id = entryId(key);
    const entry = this.entries.get(id);
    if (!entry || entry.pictures !== key.pictures || !sameList(entry.secrets, key.secrets) || !sameData(value, entry.snapshot)) return undefined;
    // Most recently used last, so the budget drops the oldest first.
    this.entries.delete(id);
    this.entries.set(id, entry);
    entry.resultJson ??= `{"content":${JSON.stringify(entry.content)},"structuredContent":${entry.json}}`;
    return withSerialized({ content: entry.content.map((block) => ({ ...block })), structuredContent: value }, entry.resultJson);
  }

  /** Keeps a checked answer whose structuredContent is the value `json` was made of (JSON.stringify of it). */
  set(key: AnswerKey, json: string, result: CallToolResult): void {
    if (json.length > MEMO_MAX_VALUE_CHARS) return;
    const id = entryId(key);
    this.drop(id);
    const content = result.content.map((block) => ({ ...block }));
    const contentSize = content.reduce((sum, block) => sum + (block.type === 'text' ? block.text.length : block.type === 'image' ? block.data.length : 0), 0);
    // Counted as if its answer JSON (about the value and the content again) were already made.
    const size = 2 * (json.length + contentSize) + key.args.length;
    this.entries.set(id, { snapshot: JSON.parse(json) as unknown, json, secrets: [...key.secrets], pictures: key.pictures, content, size });
    this.size += size;
    for (const oldest of this.entries.keys()) {
      if (this.size <= this.budget) break;
      this.drop(oldest);
    }
  }

  /** Entries kept (tests). */
  get count(): number {
    return this.entries.size;
  }

  private drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.size -= entry.size;
  }
}
