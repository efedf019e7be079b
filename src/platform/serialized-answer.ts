/**
 * A tool result that carries its own JSON, so a transport that serialises messages itself (the
 * stdio transport of `serve`) writes that JSON instead of serialising the result again.
 *
 * Why: a repeated answer (./answer-memo.ts) is the same 3-16 KB of content blocks and data each
 * time; serialising it was the largest single item of a cached call's server CPU after the memo.
 * Only the answer memo attaches JSON, and only JSON of data equal to the result's (checked there),
 * to a result object made for this one reply, so the JSON cannot go stale before it is written.
 * Transports that do not ask (HTTP, in-memory) serialise the object as usual; both give the same
 * JSON data.
 */
const serialized = new WeakMap<object, string>();

/** Marks `result` as serialising to `json` (JSON of data equal to it). */
export function withSerialized<T extends object>(result: T, json: string): T {
  serialized.set(result, json);
  return result;
}

/** The JSON a result carries, or undefined (serialise it yourself). */
export const serializedOf = (result: unknown): string | undefined => (typeof result === 'object' && result !== null ? serialized.get(result) : undefined);
