/**
 * The deterministic step grammar: one natural-language step → one StepAction. No AI, no browser,
 * no playwright import (the service loads this eagerly to validate definitions).
 */
import { UserInputError } from '../../platform/errors.js';
import type { ParsedStep } from './contract.js';
import {
  describeTarget,
  describeValue,
  leadingQuoted,
  normalizeStep,
  parseKey,
  parseTarget,
  parseTextQuery,
  parseValue,
  unquote,
} from './phrases.js';
import type { StepAction, TextQuery } from './step-types.js';
import { staticRefusal } from './url-safety.js';

export const STEP_FORMS_HINT =
  'Write each step in one of these forms: navigate to /signup · click the "Sign Up" button · ' +
  'type "ana@example.com" into the email field · fill Password with "secret123" · ' +
  'select "Pro" from Plan · check "I agree to the terms" · press Enter · wait 2 seconds · ' +
  'wait for "Welcome" · verify that "Welcome" is visible · verify a welcome message is displayed · ' +
  'verify the URL contains "/welcome" · verify the title contains "Acme" · ' +
  'verify the user is redirected to the welcome page · ' +
  'verify the Email field has value "ana@example.com".';

const VERIFICATION_WORD = /\b(?:verify|check|ensure)\b/i;

/** Parse one step; `stepNumber` (1-based) only improves the error message. */
export function parseStep(text: string, stepNumber?: number): ParsedStep {
  const action = parseAction(text, stepNumber);
  return {
    text,
    kind: action.kind,
    stepType: VERIFICATION_WORD.test(text) ? 'verification' : 'action',
    summary: summarize(action),
  };
}

/** Parse a whole list; errors name the step ("Step 3 could not be understood ..."). */
export function parseSteps(steps: readonly string[]): ParsedStep[] {
  return steps.map((step, i) => parseStep(step, i + 1));
}

/** The runner's view of a step. Throws UserInputError('steps', ...) when it is not understood. */
export function parseAction(text: string, stepNumber?: number): StepAction {
  const label = stepNumber === undefined ? 'This step' : `Step ${stepNumber}`;
  const s = normalizeStep(text);
  if (s === '') {
    throw new UserInputError('steps', `${label} is empty.`, STEP_FORMS_HINT);
  }
  const action = matchAction(s, label);
  if (!action) {
    throw new UserInputError('steps', `${label} could not be understood: "${text.trim()}".`, STEP_FORMS_HINT);
  }
  return action;
}

type Matcher = (s: string, label: string) => StepAction | undefined;

function matchAction(s: string, label: string): StepAction | undefined {
  for (const matcher of MATCHERS) {
    const action = matcher(s, label);
    if (action) return action;
  }
  return undefined;
}

const matchHistory: Matcher = (s) => {
  if (/^(?:go|navigate)\s+back(?:\s+to\s+the\s+previous\s+page)?$/i.test(s)) {
    return { kind: 'back' };
  }
  if (/^(?:reload|refresh)(?:\s+the)?(?:\s+page)?$/i.test(s)) return { kind: 'reload' };
  return undefined;
};

const matchNavigate: Matcher = (s, label) => {
  const m = /^(?:navigate|go|open|visit|browse|load)(?:\s+to)?\s+(?:the\s+)?(?:url\s+|page\s+)?(.+)$/i.exec(s);
  if (!m) return undefined;
  const url = navigationTarget(m[1] ?? '', label);
  return url === undefined ? undefined : { kind: 'navigate', url };
};

const HOME_PHRASE = /^(?:home\s*page|home|start\s*page|start|landing\s*page|target(?:\s+url)?|site|website|app)$/i;

/** A URL, a path (resolved later against the target URL), or "the home page" (''). */
function navigationTarget(raw: string, label: string): string | undefined {
  const { text } = unquote(raw);
  const t = text.trim();
  if (HOME_PHRASE.test(t)) return '';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t);
  if (scheme && !/^[a-z0-9.-]+:\d/i.test(t)) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name !== 'http' && name !== 'https') {
      throw new UserInputError(
        'steps',
        `${label} navigates to a ${name}: URL, which is not allowed.`,
        'Navigate to an http(s) URL or to a path relative to the target URL, such as /signup.',
      );
    }
    // Addresses refused whatever the settings (metadata, link-local, credentials) fail early.
    const refusal = staticRefusal(t, { blockPrivateNetworks: false });
    if (refusal) throw new UserInputError('steps', `${label} navigates to a URL that is not allowed: it ${refusal}.`, 'Navigate to a public http(s) URL or to a path relative to the target URL.');
    return t;
  }
  if (/\s/.test(t)) {
    // "the signup page" → "signup"; anything else with spaces is not a place.
    const page = /^([\w./-]+)\s+page$/i.exec(t);
    return page ? page[1] : undefined;
  }
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#].*)?$/i.test(t) && !t.startsWith('.')) {
    return `https://${t}`;
  }
  if (/^[\w./?#=&%~+:@-]+$/.test(t)) return t;
  return undefined;
}

const matchPressKey: Matcher = (s) => {
  const m = /^(?:press|hit|type)\s+(?:the\s+)?(.+)$/i.exec(s);
  if (!m) return undefined;
  const key = parseKey(m[1] ?? '');
  return key ? { kind: 'press_key', key } : undefined;
};

const matchClick: Matcher = (s) => {
  const m = /^(?:click|tap|press|hit|push|select|choose|follow)(?:\s+on)?\s+(.+)$/i.exec(s);
  if (!m) return undefined;
  const verb = s.split(/\s/)[0]?.toLowerCase();
  const target = parseTarget(m[1] ?? '');
  if (!target) return undefined;
  // "select X" / "choose X" are only clicks when they name a clickable thing.
  if ((verb === 'select' || verb === 'choose') && !['button', 'link', 'tab', 'menuitem', 'radio', 'checkbox'].includes(target.role ?? '')) {
    return undefined;
  }
  if (verb === 'follow' && target.role !== 'link') return undefined;
  return { kind: 'click', target };
};

const matchHover: Matcher = (s) => {
  const m = /^(?:hover|mouse\s*over)(?:\s+over|\s+on)?\s+(.+)$/i.exec(s);
  const target = m ? parseTarget(m[1] ?? '') : undefined;
  return target ? { kind: 'hover', target } : undefined;
};

const matchFillWith: Matcher = (s) => {
  const m = /^(?:fill(?:\s+in|\s+out)?|set|populate|complete)\s+(.+?)\s+(?:with|to)\s+(.+)$/i.exec(s);
  if (!m) return undefined;
  const target = parseTarget(m[1] ?? '', 'textbox');
  return target ? { kind: 'type', target, value: parseValue(m[2] ?? '') } : undefined;
};

const matchType: Matcher = (s) => {
  const m = /^(?:type|enter|fill(?:\s+in)?|input|write|put|provide)\s+(?:in\s+)?(.+)$/i.exec(s);
  if (!m) return undefined;
  const rest = m[1] ?? '';
  let value: string;
  let fieldPhrase: string;
  const q = leadingQuoted(rest);
  const sep = /^(?:into|in to|in|inside|on|to|as)\s+(?:the\s+)?(.+)$/i;
  if (q) {
    const f = sep.exec(q[1]);
    if (!f) return undefined;
    value = `"${q[0]}"`;
    fieldPhrase = f[1] ?? '';
  } else {
    // Split at the last "into" (else the last " in "): values rarely contain them.
    const split = /^(.+)\s+(?:into|in to)\s+(?:the\s+)?(.+)$/i.exec(rest) ?? /^(.+)\s+(?:in|inside|as)\s+(?:the\s+)?(.+)$/i.exec(rest);
    if (!split) return undefined;
    value = split[1] ?? '';
    fieldPhrase = split[2] ?? '';
  }
  const target = parseTarget(fieldPhrase, 'textbox');
  return target ? { kind: 'type', target, value: parseValue(value) } : undefined;
};

const matchClear: Matcher = (s) => {
  const m = /^(?:clear|empty)\s+(.+)$/i.exec(s);
  const target = m ? parseTarget(m[1] ?? '', 'textbox') : undefined;
  return target ? { kind: 'type', target, value: { literal: '' } } : undefined;
};

const matchSelect: Matcher = (s) => {
  const m = /^(?:select|choose|pick)\s+(.+?)\s+(?:from|in|on|for)\s+(?:the\s+)?(.+)$/i.exec(s);
  if (!m) return undefined;
  const option = unquote((m[1] ?? '').replace(/^(?:the\s+)/i, '').replace(/\s+(?:option|value|item)$/i, '')).text;
  const target = parseTarget(m[2] ?? '', 'combobox');
  if (!target || option === '') return undefined;
  return { kind: 'select', target, option };
};

const matchCheckbox: Matcher = (s) => {
  const m = /^(un)?(?:check|tick|select)\s+(?:the\s+)?(.+)$/i.exec(s) ?? /^(un)?(?:toggle on|tick off)\s+(.+)$/i.exec(s);
  if (!m) return undefined;
  // "check that ..." and "check the page shows ..." are verifications, handled elsewhere.
  if (/^(?:that|if|whether)\b/i.test(m[2] ?? '')) return undefined;
  const target = parseTarget(m[2] ?? '');
  if (!target) return undefined;
  const verb = s.split(/\s/)[0]?.toLowerCase() ?? '';
  if (verb === 'select' && target.role !== 'checkbox' && target.role !== 'radio') return undefined;
  if (target.role && target.role !== 'checkbox' && target.role !== 'radio') return undefined;
  delete target.inputType;
  return m[1] ? { kind: 'uncheck', target } : { kind: 'check', target };
};

const UNITS: Record<string, number> = { ms: 1, millisecond: 1, milliseconds: 1, s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000, m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000 };

const matchWait: Matcher = (s) => {
  const time = /^(?:wait|pause|sleep)(?:\s+for)?\s+(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)?$/i.exec(s);
  if (time) {
    const unit = UNITS[(time[2] ?? 'seconds').toLowerCase()] ?? 1000;
    return { kind: 'wait_time', ms: Math.round(Number(time[1]) * unit) };
  }
  if (/^wait(?:\s+for)?(?:\s+the)?\s+page(?:\s+to)?\s+(?:load|finish loading|be loaded)$/i.test(s) || /^wait for (?:the\s+)?(?:page\s+)?load(?:ing)?$/i.test(s)) {
    return { kind: 'wait_load' };
  }
  const text = /^wait\s+(?:for|until)\s+(.+?)(?:\s+(?:to\s+(?:appear|be\s+visible|be\s+shown|show(?:\s+up)?)|is\s+(?:visible|shown|displayed)|appears|shows(?:\s+up)?))?$/i.exec(s);
  if (text) {
    const query = parseTextQuery((text[1] ?? '').replace(/^(?:the\s+)?text\s+/i, ''));
    return query ? { kind: 'wait_text', query } : undefined;
  }
  return undefined;
};

const matchScroll: Matcher = (s) => {
  const m = /^scroll\s+(?:the\s+page\s+)?(?:to\s+the\s+)?(up|down|top|bottom)(?:\s+of\s+the\s+page)?$/i.exec(s);
  return m ? { kind: 'scroll', direction: (m[1] ?? 'down').toLowerCase() as 'up' | 'down' | 'top' | 'bottom' } : undefined;
};

const VERIFY_VERB = /^(?:verify|check|ensure|assert|confirm|expect|make sure|validate|see)(?:\s+(?:that|if|whether))?\s+(.+)$/i;

const matchVerify: Matcher = (s) => {
  const m = VERIFY_VERB.exec(s) ?? /^((?:i\s+)?(?:should\s+)?(?:can\s+)?see\s+.+)$/i.exec(s);
  if (!m) return undefined;
  const verb = s.split(/\s/)[0]?.toLowerCase() ?? '';
  return verifyBody(m[1] ?? '', verb === 'check' || verb === 'confirm');
};

/** The part after "verify that": what must be true of the page. */
function verifyBody(body: string, strict: boolean): StepAction | undefined {
  const b = body.replace(/^(?:i\s+)?(?:should\s+|can\s+)*see\s+/i, 'SEE ').trim();
  const url = /^(?:the\s+)?(?:current\s+)?(?:page\s+)?(?:url|address|location)\s+(?:contains|includes|has|is|equals|ends with|matches)\s+(.+)$/i.exec(b);
  if (url) return { kind: 'verify_url', text: unquote(url[1] ?? '').text };
  const title = /^(?:the\s+)?(?:page\s+)?title\s+(?:contains|includes|has|is|equals|matches)\s+(.+)$/i.exec(b);
  if (title) return { kind: 'verify_title', text: unquote(title[1] ?? '').text };
  const page =
    /^(?:the\s+)?(?:user|i|we|you|browser)\s+(?:am\s+|is\s+|are\s+|should\s+be\s+|gets?\s+|was\s+)?(?:redirected|taken|sent|navigated|brought|forwarded)\s+to\s+(?:the\s+)?(.+?)(?:\s+page)?$/i.exec(b) ??
    /^(?:the\s+)?(?:user|i|we|you)\s+(?:am|is|are|should\s+be)\s+(?:now\s+)?on\s+(?:the\s+)?(.+?)(?:\s+page)?$/i.exec(b) ??
    /^(?:the\s+)?(.+?)\s+page\s+(?:is\s+)?(?:loads|loaded|opens|opened|shown|displayed|appears|is\s+shown|is\s+displayed)$/i.exec(b);
  if (page) {
    const name = unquote(page[1] ?? '').text.trim();
    return name === '' ? undefined : { kind: 'verify_page', name };
  }
  const value = /^(?:the\s+)?(.+?)\s+(?:field\s+|input\s+|box\s+)?(?:has|contains|shows)\s+(?:the\s+)?value\s+(.+)$/i.exec(b) ??
    /^(?:the\s+)?(?:value\s+of\s+(?:the\s+)?)?(.+?)\s+(?:field\s+)?value\s+is\s+(.+)$/i.exec(b);
  if (value) {
    const target = parseTarget(value[1] ?? '', 'textbox');
    return target ? { kind: 'verify_value', target, value: unquote(value[2] ?? '').text } : undefined;
  }
  const shows = /^(?:the\s+)?(?:page|screen|site|app|browser|body|SEE)\s*(?:(?:shows|contains|displays|includes|has|says|reads|mentions)\s+(?:the\s+)?(?:text\s+|message\s+)?)?(.+)$/i.exec(b);
  if (shows && (b.startsWith('SEE ') || /^(?:the\s+)?(?:page|screen|site|app|browser|body)\s+(?:shows|contains|displays|includes|has|says|reads|mentions)\s/i.test(b))) {
    return textOrElement(shows[1] ?? '');
  }
  const notVisible = /^(.+?)\s+(?:is|are)\s+(?:not\s+(?:visible|displayed|shown|present)|hidden|gone|absent)(?:\s+on\s+the\s+(?:page|screen))?$/i.exec(b) ??
    /^(.+?)\s+(?:does|do)\s+not\s+(?:appear|show)$/i.exec(b);
  if (notVisible) {
    const query = parseTextQuery(notVisible[1] ?? '');
    return query ? { kind: 'verify_no_text', query } : undefined;
  }
  const visible = /^(.+?)\s+(?:is|are)\s+(?:visible|displayed|shown|present|there|on\s+the\s+page|on\s+screen|rendered)(?:\s+on\s+the\s+(?:page|screen))?$/i.exec(b) ??
    /^(.+?)\s+(?:appears|appear|shows(?:\s+up)?|exists|exist)(?:\s+on\s+the\s+(?:page|screen))?$/i.exec(b);
  if (visible) return textOrElement(visible[1] ?? '');
  // A bare quoted text or a generic phrase: "verify 'Welcome'", "verify the welcome message".
  if (!strict) {
    const bare = textOrElement(b);
    if (bare && (unquote(b).quoted || (bare.kind === 'verify_text' && bare.query.keyword) || bare.kind === 'verify_element')) return bare;
  }
  return undefined;
}

/** '"Welcome"' → text; 'the Sign Up button' → element; 'a welcome message' → keyword text. */
function textOrElement(phrase: string): StepAction | undefined {
  const { quoted } = unquote(phrase.trim());
  if (!quoted) {
    const target = parseTarget(phrase);
    if (target && target.role) return { kind: 'verify_element', target };
  }
  const query: TextQuery | undefined = parseTextQuery(phrase);
  return query ? { kind: 'verify_text', query } : undefined;
}

// Order matters: history before navigate ("go back"), keys before clicks ("press Enter"),
// verifications before checkboxes ("check that ..."), select-from before click/checkbox.
const MATCHERS: Matcher[] = [
  matchHistory,
  matchNavigate,
  matchWait,
  matchScroll,
  matchPressKey,
  matchSelect,
  matchFillWith,
  matchType,
  matchClear,
  matchVerify,
  matchCheckbox,
  matchHover,
  matchClick,
];

export function summarize(action: StepAction): string {
  switch (action.kind) {
    case 'navigate':
      return action.url === '' ? 'open the target URL' : `navigate to ${action.url}`;
    case 'back':
      return 'go back to the previous page';
    case 'reload':
      return 'reload the page';
    case 'click':
      return `click ${describeTarget(action.target)}`;
    case 'hover':
      return `hover over ${describeTarget(action.target)}`;
    case 'type':
      return `type ${describeValue(action.value)} into ${describeTarget(action.target)}`;
    case 'select':
      return `select "${action.option}" in ${describeTarget(action.target)}`;
    case 'check':
      return `check ${describeTarget(action.target)}`;
    case 'uncheck':
      return `uncheck ${describeTarget(action.target)}`;
    case 'press_key':
      return `press the ${action.key} key`;
    case 'scroll':
      return `scroll ${action.direction}`;
    case 'wait_time':
      return `wait ${action.ms} ms`;
    case 'wait_load':
      return 'wait for the page to load';
    case 'wait_text':
      return `wait for ${describeQuery(action.query)} to appear`;
    case 'verify_text':
      return `verify ${describeQuery(action.query)} is visible`;
    case 'verify_no_text':
      return `verify ${describeQuery(action.query)} is not visible`;
    case 'verify_element':
      return `verify ${describeTarget(action.target)} is visible`;
    case 'verify_url':
      return `verify the URL contains "${action.text}"`;
    case 'verify_title':
      return `verify the title contains "${action.text}"`;
    case 'verify_page':
      return `verify the ${action.name} page is shown`;
    case 'verify_value':
      return `verify ${describeTarget(action.target)} has value "${action.value}"`;
  }
}

function describeQuery(query: TextQuery): string {
  return query.keyword ? `text containing "${query.text}"` : `the text "${query.text}"`;
}
