/**
 * Reads the Customer API's wrapped answers (`{product: {...}}`, `{bugs: [...]}`) through the zod
 * schemas; anything unreadable becomes an upstream error that says what was missing and where.
 */
import type { z, ZodIssue, ZodTypeAny } from 'zod';
import { UpstreamError } from '../../platform/errors.js';
import type { JsonObject } from './http-client.js';

export interface AnswerLabel {
  /** e.g. `GET /bugs?filter_test_cycle_ids=5`, already free of secrets. */
  request: string;
  /** Singular noun for messages: "bug", "exploratory test". */
  noun: string;
}

const MAX_ISSUES = 3;

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), input);
}

function describeIssue(issue: ZodIssue, input: unknown): string {
  const field = issue.path.filter((part) => typeof part === 'string').join('.') || 'value';
  if (issue.code === 'custom') return issue.message;
  if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) return `"${field}" is missing`;
  if (issue.code === 'invalid_type') return `"${field}" should be ${issue.expected} but is ${issue.received}`;
  return `"${field}": ${issue.message}`;
}

function unreadable(label: AnswerLabel, where: string, issues: ZodIssue[], input: unknown): UpstreamError {
  const details = issues
    .slice(0, MAX_ISSUES)
    .map((issue) => describeIssue(issue, input))
    .join('; ');
  return new UpstreamError(
    'upstream',
    `The TestIO API answered ${label.request} with ${where} that cannot be read: ${details}. The API may have changed; report this with the request shown.`,
  );
}

function itemId(value: unknown): string {
  const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'number' || typeof id === 'string' ? ` ${id}` : '';
}

export function readOne<S extends ZodTypeAny>(body: JsonObject, key: string, schema: S, label: AnswerLabel): z.output<S> {
  const raw = body[key];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UpstreamError('upstream', `The TestIO API answered ${label.request} without the expected "${key}" object. The API may have changed; report this with the request shown.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw unreadable(label, `a ${label.noun}${itemId(raw)}`, parsed.error.issues, raw);
  return parsed.data as z.output<S>;
}

export function readList<S extends ZodTypeAny>(body: JsonObject, key: string, schema: S, label: AnswerLabel): Array<z.output<S>> {
  const raw = listAt(body, key, label);
  return raw.map((item, index) => readItem(raw, item, index, schema, label));
}

/** Items validated between two yields of {@link readLongList}. */
const SLICE = 16;

/**
 * readList for long answers (a bug batch holds hundreds of bugs): validation runs in slices with
 * the event loop free in between, so answers of other requests that arrived meanwhile are taken
 * (and their concurrency slots handed on) instead of waiting behind a long validation.
 */
export async function readLongList<S extends ZodTypeAny>(body: JsonObject, key: string, schema: S, label: AnswerLabel): Promise<Array<z.output<S>>> {
  const raw = listAt(body, key, label);
  const out: Array<z.output<S>> = [];
  for (let index = 0; index < raw.length; index++) {
    if (index > 0 && index % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    out.push(readItem(raw, raw[index], index, schema, label));
  }
  return out;
}

function listAt(body: JsonObject, key: string, label: AnswerLabel): unknown[] {
  const raw = body[key];
  if (!Array.isArray(raw)) {
    throw new UpstreamError('upstream', `The TestIO API answered ${label.request} without the expected "${key}" list. The API may have changed; report this with the request shown.`);
  }
  return raw;
}

function readItem<S extends ZodTypeAny>(raw: unknown[], item: unknown, index: number, schema: S, label: AnswerLabel): z.output<S> {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw unreadable(label, `a ${label.noun}${itemId(item)} (item ${index + 1} of ${raw.length})`, parsed.error.issues, item);
  return parsed.data as z.output<S>;
}
