/** Query-parameter parsing with the API's error rule: a malformed value is a 400 naming the parameter. */
import { ApiError } from './http-utils.js';

export function positiveInt(raw: string, name: string): number {
  const value = Number(raw.trim());
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new ApiError(400, `${name} must be a positive integer (got ${JSON.stringify(raw)}).`);
  }
  return value;
}

/** Comma-separated ids ("1,2, 3"); repeated parameters are merged. An empty value means no filter. */
export function idList(query: URLSearchParams, ...names: string[]): number[] | undefined {
  const raw = names.flatMap((name) => query.getAll(name));
  if (raw.length === 0) return undefined;
  const parts = raw.flatMap((value) => value.split(',')).map((part) => part.trim()).filter((part) => part !== '');
  return parts.length === 0 ? undefined : parts.map((part) => positiveInt(part, names[0]!));
}
