/**
 * The nearest accepted rewrite of a step the grammar could not read, and the part it could not
 * read: "clik Login" → did you mean: click "Login"?; "enter valid credentials" → the value and the
 * field are missing.
 */
import type { Mood } from './normalise.js';

export interface Diagnosis {
  /** The words that were not understood. */
  part: string;
  /** A step that would be accepted, e.g. 'press "Login"'. */
  suggestion?: string;
}

const FAMILIES: Record<string, string[]> = {
  click: ['click', 'press', 'tap', 'hit', 'follow', 'push', 'submit'],
  type: ['type', 'enter', 'fill', 'input', 'write', 'put', 'provide', 'insert'],
  verify: ['verify', 'check', 'ensure', 'assert', 'confirm', 'expect', 'validate', 'see'],
  navigate: ['navigate', 'go', 'open', 'visit', 'browse', 'load'],
  select: ['select', 'choose', 'pick'],
  wait: ['wait', 'pause', 'sleep'],
};
const ALL_VERBS = Object.values(FAMILIES).flat();

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length] ?? 0;
}

function familyOf(verb: string): string | undefined {
  return Object.entries(FAMILIES).find(([, verbs]) => verbs.includes(verb))?.[0];
}

const quotedIn = (text: string): string | undefined => /"([^"]+)"|'([^']+)'/.exec(text)?.slice(1).find(Boolean);

function template(family: string, rest: string): string {
  const q = quotedIn(rest);
  const words = rest.replace(/^(?:on\s+|to\s+)?(?:the|a|an)\s+/i, '').replace(/["']/g, '').trim();
  const name = q ?? (words || 'Name');
  switch (family) {
    case 'click':
      return `click "${name}"`;
    case 'type':
      return q ? `type "${q}" into the "${words.replace(q, '').replace(/\b(?:in|into|the|field)\b/gi, '').trim() || 'Field'}" field` : 'type "value" into the "Field" field';
    case 'verify':
      return `verify that "${name}" is visible`;
    case 'navigate':
      return `navigate to /${words.toLowerCase().replace(/\s+page$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || ''}`;
    case 'select':
      return `select "${q ?? 'Option'}" from the "List" dropdown`;
    default:
      return 'wait 2 seconds';
  }
}

/**
 * Why `text` (normalised) was not read, and a rewrite to offer. `reads` says whether a candidate
 * rewrite is accepted by the grammar, so a suggestion is never itself refused.
 */
export function diagnose(text: string, mood: Mood | undefined, reads: (candidate: string) => boolean): Diagnosis {
  const [first = '', ...restWords] = text.split(/\s+/);
  const verb = first.toLowerCase();
  const rest = restWords.join(' ');
  const family = familyOf(verb);
  const offer = (candidate: string | undefined): string | undefined => (candidate && reads(candidate) ? candidate : undefined);
  if (family) return { part: rest || text, suggestion: offer(template(family, rest)) };
  const near = ALL_VERBS.map((v) => [v, distance(verb, v)] as const).sort((a, b) => a[1] - b[1])[0];
  if (near && near[1] <= 2 && verb.length > 2) {
    const fixed = `${near[0]} ${rest}`;
    return { part: first, suggestion: offer(fixed) ?? offer(template(familyOf(near[0]) ?? 'click', rest)) };
  }
  const q = quotedIn(text);
  if (q) return { part: text.replace(/["'][^"']+["']/, '').trim() || text, suggestion: offer(mood === 'outcome' ? `verify that "${q}" is visible` : `click "${q}"`) };
  return { part: text };
}
