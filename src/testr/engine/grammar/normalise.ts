/**
 * Rewrites a step the way people write them (Gherkin keywords, a subject, third-person or -ing
 * verbs, "should" forms, state phrasings) into the imperative the grammar reads:
 * "Then the user should see 'Welcome'" → "see 'Welcome'"; "Given I am on the login page" →
 * "go to the login page"; "the title should contain 'Acme'" → "verify the title contains 'Acme'".
 */
import { normalizeStep } from '../phrases.js';

/** Given = setup, When = action, Then = outcome; And/But keep the mood of the step before. */
export type Mood = 'setup' | 'action' | 'outcome';

export interface Normalised {
  text: string;
  /** The Gherkin mood this step is in, when a keyword set one (this step's or an earlier one's). */
  mood?: Mood;
}

const KEYWORD = /^(given|when|then|and|but|\*)\b[\s,:]*/i;
const MOODS: Record<string, Mood> = { given: 'setup', when: 'action', then: 'outcome' };
const SUBJECT = /^(?:i|we|you|the\s+user|a\s+user|user|the\s+customer|customer|the\s+visitor|visitor|the\s+shopper|shopper|the\s+admin|admin|he|she|they)\s+(?=\S)/i;

/** Third-person and -ing forms → the base verb. */
const VERBS: Record<string, string> = {};
for (const base of [
  'click', 'tap', 'press', 'hit', 'enter', 'type', 'fill', 'select', 'choose', 'pick', 'check', 'uncheck', 'tick', 'untick',
  'navigate', 'visit', 'open', 'wait', 'scroll', 'hover', 'submit', 'follow', 'verify', 'input', 'reload', 'refresh',
  'upload', 'attach', 'close', 'dismiss', 'search', 'add', 'clear', 'confirm', 'ensure', 'expect', 'assert', 'log', 'sign',
  'provide', 'write', 'put', 'load', 'browse', 'view', 'remove', 'delete', 'toggle', 'accept', 'validate',
]) {
  VERBS[`${base}s`] = base;
  VERBS[`${base}es`] = base;
  VERBS[`${base}ing`] = base;
  VERBS[`${base.replace(/e$/, '')}ing`] = base;
  VERBS[`${base}${base.slice(-1)}ing`] = base;
}
Object.assign(VERBS, { goes: 'go', going: 'go', sees: 'see', seeing: 'see', verifies: 'verify', presses: 'press', refreshes: 'refresh' });

function baseVerb(text: string): string {
  const m = /^(\S+)(\s|$)/.exec(text);
  const word = m?.[1]?.toLowerCase() ?? '';
  const base = VERBS[word];
  return base ? base + text.slice(word.length) : text;
}

/** "X should be displayed" → "verify X is displayed"; "X should contain Y" → "verify X contains Y". */
function shouldForm(text: string): string | undefined {
  const m = /^(.+?)\s+(?:should|must|shall|will)\s+(not\s+)?(be|have|contain|include|equal|match|appear|show|display|exist|read|say|become|start with|end with)\b\s*(.*)$/i.exec(text);
  if (!m) return undefined;
  const [, subject = '', not, verb = '', rest = ''] = m;
  const v = verb.toLowerCase();
  const third: Record<string, string> = { be: 'is', have: 'has', contain: 'contains', include: 'includes', equal: 'equals', match: 'matches', appear: 'appears', show: 'shows', display: 'displays', exist: 'exists', read: 'reads', say: 'says', become: 'is', 'start with': 'starts with', 'end with': 'ends with' };
  if (not) {
    if (v === 'be') return `verify ${subject} is not ${rest}`.trim();
    return `verify ${subject} does not ${v} ${rest}`.trim();
  }
  return `verify ${subject} ${third[v] ?? v} ${rest}`.trim();
}

/** What follows a subject: "should see X", "am on X", "clicks X", "can see X". */
function afterSubject(rest: string, mood: Mood | undefined): string {
  const r = rest.replace(/^(?:(?:should|must|will)\s+be\s+able\s+to|(?:am|is|are)\s+able\s+to|can|could|want\s+to|try\s+to|tries\s+to|need\s+to)\s+/i, '');
  const negSee = /^(?:not|should\s+not|shouldn't|must\s+not|cannot|can't|can\s+not|do\s+not|don't|does\s+not|doesn't)\s+see\s+(.+)$/i.exec(r);
  if (negSee) return `verify ${negSee[1]} is not visible`;
  const see = /^(?:should\s+|must\s+)?(?:now\s+)?(?:see|sees|view|notice)\s+(.+)$/i.exec(r);
  if (see) return `see ${see[1]}`;
  const loggedIn = /^(?:am|is|are)\s+(?:logged|signed)\s+in\s+(as|with)\s+(.+)$/i.exec(r);
  if (loggedIn) return `log in ${loggedIn[1]} ${loggedIn[2]}`;
  const redirected = /^(?:(?:should\s+be|am|is|are|get|gets|was|were|will\s+be)\s+)?(?:now\s+)?(?:redirect|redirects|redirected|taken|sent|navigated|brought|forwarded|returned)\s+(?:back\s+)?to\s+(.+)$/i.exec(r);
  if (redirected) return `verify I am redirected to ${redirected[1]}`;
  const shouldBeOn = /^(?:should|must)\s+(?:still\s+)?be\s+(?:now\s+)?(on|at|in)\s+(.+)$/i.exec(r);
  if (shouldBeOn) return `verify I am ${shouldBeOn[1]} ${shouldBeOn[2]}`;
  // "I am on the login page": a place to go to, unless the step states an outcome (Then).
  const amOn = /^(?:am|is|are)\s+(?:now\s+|still\s+)?(on|at)\s+(.+)$/i.exec(r);
  if (amOn) return mood === 'outcome' ? `verify I am ${amOn[1]} ${amOn[2]}` : `go to ${amOn[2]}`;
  const should = /^should\s+(.+)$/i.exec(r);
  if (should) return baseVerb(should[1] ?? '');
  return baseVerb(r);
}

export function normalise(raw: string, previousMood?: Mood): Normalised {
  let text = normalizeStep(raw.replace(/[`´]/g, '"'))
    .replace(/^(?:[-*•]\s+|\d+[.)]\s+|step\s+\d+\s*[:.)-]\s*)/i, '')
    .trim();
  let mood = previousMood;
  for (let m = KEYWORD.exec(text); m; m = KEYWORD.exec(text)) {
    const keyword = (m[1] ?? '').toLowerCase();
    mood = MOODS[keyword] ?? mood;
    text = text.slice(m[0].length);
  }
  text = text.replace(/^(?:please|now|then|next|finally|also)\s*,?\s+/i, '').trim();
  const subject = SUBJECT.exec(text);
  if (subject && !/^(?:i|we|you|user|customer|visitor|shopper|admin|he|she|they)$/i.test(text)) {
    text = afterSubject(text.slice(subject[0].length), mood);
  } else {
    text = baseVerb(text);
  }
  const should = shouldForm(text);
  if (should && !/^(?:verify|check|ensure|assert|confirm|expect|see)\b/i.test(text)) text = should;
  return mood ? { text: text.trim(), mood } : { text: text.trim() };
}
