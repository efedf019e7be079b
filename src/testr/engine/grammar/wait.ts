/**
 * Waits: a time in any unit (refused above MAX_WAIT_MS, so "wait 36000 minutes" cannot overflow a
 * timer or pass in 9 ms), for the page to load, or for text or an element to appear.
 */
import type { StepAction } from '../step-types.js';
import { StepRefusal } from './refusal.js';
import { textOrElement } from './verify.js';

/** A wait longer than this could never finish inside the default run time limit (5 minutes). */
export const MAX_WAIT_MS = 5 * 60_000;

const UNITS: Array<[RegExp, number]> = [
  [/^(?:ms|msecs?|millis(?:econds?)?)$/i, 1],
  [/^(?:s|secs?|seconds?)$/i, 1000],
  [/^(?:m|mins?|minutes?)$/i, 60_000],
  [/^(?:h|hrs?|hours?)$/i, 3_600_000],
  [/^(?:d|days?)$/i, 86_400_000],
];

const WORD_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, ten: 10, 'a few': 3, few: 3, 'a couple of': 2, 'a couple': 2, couple: 2, several: 5 };

function describeMs(ms: number): string {
  return ms >= 60_000 ? `${+(ms / 60_000).toFixed(2)} minutes` : `${+(ms / 1000).toFixed(3)} seconds`;
}

export function readWait(s: string): StepAction | undefined {
  const time = /^(?:wait|pause|sleep|delay)(?:\s+for)?\s+(?:about\s+|around\s+)?(\d+(?:[.,]\d+)?|an?|one|two|three|four|five|ten|a few|few|a couple of|a couple|couple|several)\s*(ms|msecs?|millis(?:econds?)?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)?$/i.exec(s);
  if (time) {
    const raw = (time[1] ?? '').toLowerCase().replace(',', '.');
    const amount = WORD_NUMBERS[raw] ?? Number(raw);
    const unit = time[2] ? (UNITS.find(([re]) => re.test(time[2] ?? ''))?.[1] ?? 1000) : 1000;
    if (!time[2] && WORD_NUMBERS[raw] !== undefined && raw !== 'a' && raw !== 'an') return undefined;
    const ms = Math.round(amount * unit);
    if (!Number.isFinite(ms) || ms > MAX_WAIT_MS) {
      throw new StepRefusal(`waits ${time[1]} ${time[2] ?? 'seconds'}, longer than the longest wait a run allows (${describeMs(MAX_WAIT_MS)})`, `${time[1]} ${time[2] ?? ''}`.trim(), `wait ${MAX_WAIT_MS / 60_000} minutes`);
    }
    return { kind: 'wait_time', ms };
  }
  if (/^wait(?:\s+(?:a\s+)?(?:moment|bit|second))$/i.test(s)) return { kind: 'wait_time', ms: 1000 };
  if (
    /^wait(?:\s+for|\s+until)?(?:\s+the)?\s+page(?:\s+to)?\s+(?:load|loads|finish(?:es)? loading|be(?:come)? loaded|is loaded|has loaded|to be fully loaded|fully loads)$/i.test(s) ||
    /^wait\s+for\s+(?:the\s+)?(?:page\s+)?(?:load|loading)(?:\s+to\s+(?:finish|complete))?$/i.test(s) ||
    /^wait$/i.test(s)
  ) {
    return { kind: 'wait_load' };
  }
  const text = /^wait\s+(?:for|until)\s+(.+?)(?:\s+(?:to\s+(?:appear|be\s+(?:visible|shown|displayed)|show(?:\s+up)?|load)|is\s+(?:visible|shown|displayed)|appears|shows(?:\s+up)?|loads))?$/i.exec(s);
  if (text) {
    const what = textOrElement((text[1] ?? '').replace(/^(?:the\s+)?text\s+(?=["'])/i, ''), true);
    if (what?.kind === 'verify_text') return { kind: 'wait_text', query: what.query };
    if (what?.kind === 'verify_element') return { kind: 'verify_element', target: what.target };
  }
  return undefined;
}
