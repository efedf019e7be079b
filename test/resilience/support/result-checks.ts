/** Checks every resilience suite applies to every answer: a well-formed result that leaks nothing. */
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export function textOf(result: CallToolResult): string {
  return result.content
    .filter((block): block is { type: 'text'; text: string } => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
}

/** Throws (with the offending call) unless `result` is a valid CallToolResult with readable text and no secret or stack trace. */
export function assertWellFormed(result: unknown, secrets: readonly string[], what: string): asserts result is CallToolResult {
  const parsed = CallToolResultSchema.safeParse(result);
  if (!parsed.success) throw new Error(`${what}: not a valid CallToolResult: ${parsed.error.message.slice(0, 300)}`);
  const text = textOf(parsed.data as CallToolResult);
  if (!text.trim()) throw new Error(`${what}: answer has no text block`);
  if (/\n\s+at .+:\d+:\d+/.test(text)) throw new Error(`${what}: answer carries a stack trace: ${text.slice(0, 300)}`);
  const whole = JSON.stringify(result);
  for (const secret of secrets) if (secret && whole.includes(secret)) throw new Error(`${what}: answer leaks a secret`);
}
