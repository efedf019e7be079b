/**
 * The one error formatter: every failure a tool call can meet becomes a short `isError` result that
 * names the parameter or the cause and says what to do. Never a stack trace, never a secret.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ZodError, ZodIssue } from 'zod';
import { isToolError, withHint } from './errors.js';
import { redactText } from './redact.js';
import { plural } from './text.js';
import { terminalSafe } from './untrusted-text.js';

const MAX_ISSUES = 5;
const MAX_ECHO = 60;

export function errorResult(message: string, secrets: readonly string[] = []): CallToolResult {
  return { content: [{ type: 'text', text: redactText(terminalSafe(message), secrets) }], isError: true };
}

function echo(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
}

function paramName(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), input);
}

/** The offending value; for a single value a schema wrapped into a list, the value as sent. */
function offendingValue(input: unknown, path: ReadonlyArray<string | number>): unknown {
  const value = valueAt(input, path);
  return value === undefined && path.length > 1 ? valueAt(input, path.slice(0, -1)) : value;
}

function describeIssue(issue: ZodIssue, input: unknown, validParams: string[]): string {
  const name = paramName(issue.path);
  const got = offendingValue(input, issue.path);
  const gotText = got === null ? 'null' : got === undefined ? 'nothing' : echo(got);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}. Valid parameters: ${validParams.join(', ') || '(none)'}.`;
    case 'invalid_enum_value':
      return `Invalid "${name}": ${gotText} is not allowed. Use one of: ${issue.options.join(', ')}.`;
    case 'invalid_literal':
      return `Invalid "${name}": use ${echo(issue.expected)}.`;
    case 'invalid_type':
      if (issue.received === 'undefined' && issue.path.length === 1) return `Missing required parameter "${name}". Provide it and try again.`;
      if (String(issue.expected).includes("'")) {
        // An enum given a non-string: zod 3 reports the choices as "'a' | 'b'".
        return `Invalid "${name}": ${gotText} is not allowed. Use one of: ${String(issue.expected).replace(/'/g, '').split(' | ').join(', ')}.`;
      }
      if (issue.expected === 'number' || issue.expected === 'integer') {
        return `Invalid "${name}": ${gotText} ${issue.message.startsWith('must') ? issue.message : 'must be a number'}.`;
      }
      return `Invalid "${name}": expected ${issue.expected}, got ${issue.received === 'null' || issue.received === 'undefined' ? gotText : `${issue.received} ${gotText}`}.`;
    default:
      return `Invalid "${name || 'arguments'}": ${issue.message.replace(/\.$/, '')}${got === undefined || got === null || typeof got === 'object' ? '' : ` (got ${echo(got)})`}.`;
  }
}

/** Turns a zod validation failure of a tool's arguments into one readable error result. */
export function validationErrorResult(error: ZodError, input: unknown, validParams: string[], secrets: readonly string[]): CallToolResult {
  const lines = error.issues.slice(0, MAX_ISSUES).map((issue) => describeIssue(issue, input, validParams));
  if (error.issues.length > MAX_ISSUES) lines.push(`…and ${plural(error.issues.length - MAX_ISSUES, 'more problem')}.`);
  return errorResult(lines.join('\n'), secrets);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

/** Any thrown value → an error result. Typed ToolErrors carry their own wording. */
export function toolErrorResult(error: unknown, toolName: string, secrets: readonly string[]): CallToolResult {
  if (isToolError(error)) {
    let message = error.message.trim();
    if (error.parameter && !message.includes(error.parameter)) message = `Invalid "${error.parameter}": ${message}`;
    return errorResult(withHint(message, error.hint), secrets);
  }
  if (isAbort(error)) return errorResult(`${toolName} was cancelled before it finished.`, secrets);
  const detail = error instanceof Error ? error.message.split('\n')[0].slice(0, 300) : String(error).slice(0, 300);
  return errorResult(`${toolName} failed unexpectedly: ${detail}. The server is still running; try again, and report this if it persists.`, secrets);
}
