/**
 * The one result renderer: a handler's return value (string, plain object, or full CallToolResult)
 * becomes a CallToolResult with a readable text block and, for objects, structuredContent.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolPicture, ToolReturn } from './define-tool.js';
import { redactAnswer, redactAnswerText } from './redact.js';
import { EMPTY_CELL, escapeTableCell } from './text.js';
import { displayCopy, terminalSafe } from './untrusted-text.js';

/** Claude Code refuses answers over ~25k tokens; stay far below and tell the reader why. */
export const MAX_TEXT_CHARS = 20_000;

export function isCallToolResult(value: unknown): value is CallToolResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as { content?: unknown }).content);
}

export function capText(text: string, max = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text;
  const note = `\n\n…(answer cut at ${max.toLocaleString('en-US')} characters; narrow the question or ask for the next page)`;
  return text.slice(0, max - note.length) + note;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return escapeTableCell(value);
  return String(value);
}

const isPlain = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value);

/** A markdown table when every row is a flat object, else null. */
export function markdownTable(rows: unknown[]): string | null {
  if (rows.length === 0 || !rows.every((row) => isPlain(row) && Object.values(row).every(isScalar))) return null;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row as object)))];
  const header = `| ${columns.join(' | ')} |\n|${columns.map(() => ' --- ').join('|')}|`;
  const body = rows.map((row) => `| ${columns.map((c) => scalar((row as Record<string, unknown>)[c])).join(' | ')} |`);
  return [header, ...body].join('\n');
}

/** Generic markdown for tools without a render function. */
export function renderGeneric(value: unknown, depth = 0): string {
  const indent = '  '.repeat(depth);
  if (isScalar(value)) return `${indent}${scalar(value)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}(none)`;
    const table = depth === 0 ? markdownTable(value) : null;
    if (table) return table;
    return value.map((item) => (isScalar(item) ? `${indent}- ${scalar(item)}` : `${indent}-\n${renderGeneric(item, depth + 1)}`)).join('\n');
  }
  return Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => {
      if (isScalar(item)) return `${indent}**${key}:** ${scalar(item)}`;
      const table = Array.isArray(item) ? markdownTable(item) : null;
      return table ? `${indent}**${key}:**\n\n${table}\n` : `${indent}**${key}:**\n${renderGeneric(item, depth + 1)}`;
    })
    .join('\n');
}

export function normaliseResult(
  value: ToolReturn,
  render: ((output: Record<string, unknown>) => string) | undefined,
  secrets: readonly string[],
  pictures?: (output: Record<string, unknown>) => ToolPicture[],
  /** JSON.stringify(value) when the caller has it already (it is the costly part of the redaction check). */
  json?: string,
): CallToolResult {
  if (typeof value === 'string') return { content: [{ type: 'text', text: capText(redactAnswerText(terminalSafe(value), secrets)) }] };
  if (isCallToolResult(value)) {
    return redactAnswer(
      { ...value, content: value.content.map((block) => (block.type === 'text' ? { ...block, text: capText(terminalSafe(block.text)) } : block)) },
      secrets,
    );
  }
  const structured = redactAnswer(value, secrets, json);
  // Renderers see every string made safe (untrusted-text.ts); structuredContent keeps the raw values.
  const display = displayCopy(structured);
  const text = render ? render(display) : renderGeneric(display);
  // Pictures come after the text: clients that show only the first block still get the words.
  const images = (pictures?.(display) ?? []).map((picture) => ({ type: 'image' as const, ...picture }));
  return { content: [{ type: 'text', text: capText(redactAnswerText(terminalSafe(text), secrets)) }, ...images], structuredContent: structured };
}
