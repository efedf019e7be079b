/**
 * ISO timestamps of API records as epoch ms, memoised: a cached answer is rendered again on every
 * call from the same few hundred timestamps, and Date.parse of an ISO string with an offset was a
 * visible share of a cached call's CPU. Bounded: the memo is emptied when it is full.
 */
const MAX_ENTRIES = 20_000;
const memo = new Map<string, number>();

/** Epoch ms of an ISO timestamp; NaN when missing or unreadable. */
export function timestampMs(iso: string | null | undefined): number {
  if (!iso) return NaN;
  let ms = memo.get(iso);
  if (ms === undefined) {
    if (memo.size >= MAX_ENTRIES) memo.clear();
    ms = Date.parse(iso);
    memo.set(iso, ms);
  }
  return ms;
}
