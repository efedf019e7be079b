/**
 * The finished answers of recent calls, so that a cached call whose service returns the same data
 * again reuses the answer that was rendered, redacted, capped and checked against the tool's
 * outputSchema the first time, instead of doing all four again (in a profile of the stdio server
 * they were most of our own work on a cached get_test_status call).
 *
 * An answer is a pure function of what it is keyed and checked by, so a hit is the answer those
 * steps would produce again:
 * - the tool and its arguments as parsed (the renderer sees them);
 * - the handler's value as JSON: the form its structuredContent goes out in, compared in full;
 * - the secrets redacted from it (the configured ones and the caller's token) and whether pictures
 *   are on (CHARTS).
 * A renderer must therefore depend on the value and the arguments only (define-tool.ts says so).
 * Only answers that passed the output check and needed no redaction of their value are kept, and
 * only within a size budget: the oldest are dropped first. What is kept is the content blocks
 * (strings); a hit's structuredContent is the value the handler returned this time, whose JSON is
 * the kept one, so a caller that changes an answer it received cannot change a later one.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Characters kept over all entries: value JSON, arguments and the content blocks' text. */
export const MEMO_BUDGET_CHARS = 2_000_000;
/** Larger values are never kept: a big page is rarely asked for twice in a row. */
export const MEMO_MAX_VALUE_CHARS = 200_000;

interface Entry {
  json: string;
  secrets: readonly string[];
  pictures: boolean;
  content: CallToolResult['content'];
  size: number;
}

export interface AnswerKey {
  tool: string;
  /** JSON of the parsed arguments. */
  args: string;
  secrets: readonly string[];
  pictures: boolean;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

export class AnswerMemo {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  constructor(private readonly budget = MEMO_BUDGET_CHARS) {}

  /** The kept answer for exactly this key and value JSON, with `value` as its structuredContent; or undefined. */
  get(key: AnswerKey, json: string, value: Record<string, unknown>): CallToolResult | undefined {
    const id = `${key.tool}\u0000${key.args}`;
    const entry = this.entries.get(id);
    if (!entry || entry.json !== json || entry.pictures !== key.pictures || !sameList(entry.secrets, key.secrets)) return undefined;
    // Most recently used last, so the budget drops the oldest first.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return { content: entry.content.map((block) => ({ ...block })), structuredContent: value };
  }

  /** Keeps a checked answer whose structuredContent is the value `json` was made of. */
  set(key: AnswerKey, json: string, result: CallToolResult): void {
    if (json.length > MEMO_MAX_VALUE_CHARS) return;
    const id = `${key.tool}\u0000${key.args}`;
    this.drop(id);
    const content = result.content.map((block) => ({ ...block }));
    const size = json.length + key.args.length + content.reduce((sum, block) => sum + (block.type === 'text' ? block.text.length : block.type === 'image' ? block.data.length : 0), 0);
    this.entries.set(id, { json, secrets: [...key.secrets], pictures: key.pictures, content, size });
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
