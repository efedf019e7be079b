/**
 * Assertions: text (present, absent, appearing), elements and their states, counts, the URL, the
 * title, the page reached, a field's value, the HTTP status. A qualifier the runner cannot check
 * ("the button is red") is refused, never dropped.
 */
import { parseTextQuery, unquote } from '../phrases.js';
import type { ElementState, StepAction, TextMatchMode, TextQuery } from '../step-types.js';
import { StepRefusal } from './refusal.js';
import { readTarget } from './targets.js';

const VERIFY_VERB = /^(?:verify|check|ensure|assert|confirm|expect|make sure|validate|assess|see|observe|notice|find|locate)(?:\s+(?:that|if|whether|to see|to see that))?\s+(.+)$/i;
const ON_PAGE = /\s+(?:on|in)\s+(?:the\s+)?(?:current\s+)?(?:page|screen|browser|window|site|ui)$/i;

/** A count word or digits: "3", "three", "no" (0). */
const COUNT_WORDS: Record<string, number> = { no: 0, zero: 0, one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const COUNT = '(\\d+|no|zero|an|a|one|two|three|four|five|six|seven|eight|nine|ten)';

const STATES: Record<string, ElementState> = {
  visible: 'visible', displayed: 'visible', shown: 'visible', present: 'visible', rendered: 'visible',
  hidden: 'hidden', invisible: 'hidden',
  enabled: 'enabled', clickable: 'enabled', editable: 'enabled',
  disabled: 'disabled', 'greyed out': 'disabled', 'grayed out': 'disabled', 'not clickable': 'disabled', 'read-only': 'disabled', readonly: 'disabled',
  checked: 'checked', ticked: 'checked', 'checked off': 'checked', on: 'checked',
  unchecked: 'unchecked', unticked: 'unchecked', off: 'unchecked',
  selected: 'selected', active: 'active', current: 'active', highlighted: 'active',
  empty: 'empty', blank: 'empty', cleared: 'empty',
  focused: 'focused', 'in focus': 'focused',
  // A password-style field: what is typed is not shown.
  masked: 'masked', obscured: 'masked',
  // Not there to use: absent, hidden or disabled.
  unavailable: 'unavailable', 'not available': 'unavailable',
};

/** Words that describe how something looks or feels, which a text-and-role runner cannot check. */
const UNCHECKABLE = /^(?:red|green|blue|yellow|orange|purple|black|white|grey|gray|bold|italic|rounded|round|square|big|bigger|small|smaller|large|larger|centered|centred|aligned|left|right|responsive|fast|slow|pretty|correct|proper|properly|nice|beautiful|consistent|readable|legible|accessible|usable|sorted|ordered|animated|sticky|bright|dark|transparent|blurred|correctly\s+\w+|\w+ly)$/i;

function countOf(word: string): number {
  const w = word.toLowerCase();
  return COUNT_WORDS[w] ?? Number(w);
}

function mode(verb: string): TextMatchMode {
  const v = verb.toLowerCase();
  if (/^(?:is|equals?|be|reads|=)$/.test(v)) return 'equals';
  if (/^match(?:es)?$/.test(v)) return 'matches';
  return 'contains';
}

/**
 * 'regex "[0-9]{9,11}"' and testRigor's 'simple template "###-###-####"' (# = a digit, every other
 * character itself): text the page must match. An invalid expression is refused.
 */
function patternQuery(phrase: string): TextQuery | undefined {
  const m = /^(?:the\s+)?(?:text\s+)?(?:matching\s+)?(?:an?\s+)?(regex|regexp|regular expression|pattern|simple template|template)\s+("[^"]+"|'[^']+')$/i.exec(phrase.trim());
  if (!m) {
    const word = /\b(regex|regular expression|template|pattern)\s+["']/i.exec(phrase);
    if (word) throw new StepRefusal(`asks for a ${word[1]} in a form the runner does not read`, word[1] ?? '', `check that page has regex "${unquote(phrase.slice(word.index + (word[1] ?? '').length)).text.trim()}"`);
    return undefined;
  }
  const raw = unquote(m[2] ?? '').text;
  const source = /template/i.test(m[1] ?? '') ? raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/#/g, '[0-9]') : raw;
  // Patterns run in the server against page text: no nested quantifiers (catastrophic backtracking).
  if (source.length > 200 || /\([^)]*[+*}][^)]*\)\s*[+*{]/.test(source)) {
    throw new StepRefusal('has a pattern that is too long or nests repetitions (it could take forever to match)', raw, `check that page contains "${raw}"`);
  }
  try {
    new RegExp(source, 'i');
  } catch {
    throw new StepRefusal(`has a pattern that is not a valid regular expression: ${raw}`, raw, `check that page contains "${raw}"`);
  }
  return { text: source, keyword: false, pattern: true };
}

/** '"Welcome"' → text; 'the Sign Up button' → element; 'a welcome message' → keyword text. */
export function textOrElement(phrase: string, requireClear = false): Extract<StepAction, { kind: 'verify_text' | 'verify_element' }> | undefined {
  const p = phrase.trim().replace(ON_PAGE, '');
  const { quoted } = unquote(p);
  const relative = /\b(below|above|under|beneath|left of|right of|near|next to)\s+["']/i.exec(p);
  if (relative && /^(?:next to|near)$/i.test(relative[1] ?? '') && !quoted) {
    // "the Delete button next to "Pay rent"": an element scoped to a row, located like a click target.
    const scoped = readTarget(p);
    if (scoped?.near && (scoped.role || scoped.generic)) return { kind: 'verify_element', target: scoped };
  }
  if (relative) throw new StepRefusal(`places the text ${relative[1]} other text, which the runner cannot check`, relative[1] ?? '', undefined);
  const pattern = patternQuery(p);
  if (pattern) return { kind: 'verify_text', query: pattern };
  const selectorEl = /^(?:an?\s+|the\s+)?"([#.][^"]+)"\s+element$/i.exec(p);
  if (selectorEl) return { kind: 'verify_element', target: { name: selectorEl[1] ?? '', selector: selectorEl[1] ?? '' } };
  if (!quoted) {
    const target = readTarget(p);
    if (target && (target.role || target.selector || target.generic)) return { kind: 'verify_element', target };
  }
  const query: TextQuery | undefined = parseTextQuery(p);
  if (!query) return undefined;
  // Unquoted words that are neither a generic phrase nor an element are only read as text when the step left no doubt.
  if (requireClear && !quoted && !query.keyword && !/"|'/.test(p)) return undefined;
  // A long unquoted phrase ("the user can access the dashboard") is a wish, not text to look for.
  if (!quoted && !/"|'/.test(p) && query.text.split(/\s+/).length > 3) return undefined;
  return { kind: 'verify_text', query };
}

function urlOrTitle(b: string): StepAction | undefined {
  const url = /^(?:the\s+)?(?:current\s+|page\s+|browser\s+)?(?:url|address|location|link)(?:\s+of\s+the\s+(?:current\s+)?page)?\s+(does\s+not\s+|doesn't\s+|is\s+not\s+|isn't\s+)?(contains?|includes?|has|is|equals?|ends with|end with|starts with|start with|matches|match|be)\s+(.+)$/i.exec(b);
  if (url) return readMatch('verify_url', url[2] ?? '', url[3] ?? '', Boolean(url[1]));
  const title = /^(?:the\s+)?(?:page\s+|browser\s+|window\s+|tab\s+)?title(?:\s+of\s+the\s+page)?\s+(does\s+not\s+|doesn't\s+|is\s+not\s+|isn't\s+)?(contains?|includes?|has|is|equals?|matches|match|reads|be|starts with|ends with)\s+(.+)$/i.exec(b);
  if (title) return readMatch('verify_title', title[2] ?? '', title[3] ?? '', Boolean(title[1]));
  return undefined;
}

function readMatch(kind: 'verify_url' | 'verify_title', verb: string, raw: string, negate: boolean): StepAction {
  const text = unquote(raw.trim()).text;
  const m = mode(verb);
  if (m === 'matches') {
    const pattern = /^\/(.+)\/([a-z]*)$/.exec(text);
    try {
      new RegExp(pattern ? (pattern[1] ?? '') : text, 'i');
    } catch {
      throw new StepRefusal(`has a pattern that is not a valid regular expression: ${text}`, text, `${kind === 'verify_url' ? 'verify the URL contains' : 'verify the title contains'} "${text}"`);
    }
  }
  return { kind, text: m === 'matches' ? text.replace(/^\/(.+)\/[a-z]*$/, '$1') : text, mode: m, ...(negate ? { negate: true } : {}) };
}

function status(b: string): StepAction | undefined {
  const m =
    /^(?:the\s+)?(?:page|response|server|site|request)?\s*(?:http\s+)?(?:status(?:\s+code)?\s+)?(?:is|returns|returned|answers|responds with|gives|equals|was|shows)\s+(?:an?\s+)?(?:http\s+)?(?:status\s+)?(?:code\s+)?(\d{3})(?:\s+(?:status|error|response|code))?$/i.exec(b) ??
    /^(?:the\s+|an?\s+)?(?:http\s+)?(\d{3})\s+(?:error\s+)?(?:page|error|status|response)(?:\s+(?:page\s+)?(?:is\s+)?(?:shown|displayed|returned|appears))?$/i.exec(b);
  if (!m || !/^(?:the\s+)?(?:page|response|server|site|request|http|status|an?\s|\d)/i.test(b)) return undefined;
  return { kind: 'verify_status', status: Number(m[1]) };
}

function page(b: string): StepAction | undefined {
  const m =
    /^(?:the\s+)?(?:user|i|we|you|browser)\s+(?:am\s+|is\s+|are\s+|should\s+be\s+|gets?\s+|was\s+)?(?:now\s+)?(?:redirected|taken|sent|navigated|brought|forwarded)\s+(?:back\s+)?to\s+(?:the\s+)?(.+?)(?:\s+(?:page|screen))?$/i.exec(b) ??
    /^(?:the\s+)?(?:user|i|we|you)\s+(?:am|is|are|should\s+be)\s+(?:now\s+|still\s+)?(?:on|at|in)\s+(?:the\s+)?(.+?)(?:\s+(?:page|screen))?$/i.exec(b) ??
    /^(?:redirect(?:s|ed|ion)?|navigation)\s+to\s+(?:the\s+)?(.+?)(?:\s+(?:page|screen))?$/i.exec(b) ??
    /^(?:the\s+)?(.+?)\s+(?:page|screen)\s+(?:is\s+|should\s+be\s+)?(?:loads|loaded|opens|opened|shown|displayed|appears|presented|is\s+shown|is\s+displayed|is\s+open|is\s+presented|is\s+loaded|has\s+loaded|has\s+opened)(?:\s+successfully)?$/i.exec(b);
  if (!m) return undefined;
  const name = unquote(m[1] ?? '').text.trim();
  if (name === '') return undefined;
  if (/^(?:\/|https?:\/\/)/i.test(name)) return { kind: 'verify_url', text: name, mode: 'contains' };
  if (/\b(?:logged|signed)\s+(?:in|out)\b/i.test(name)) return undefined;
  return { kind: 'verify_page', name };
}

function value(b: string): StepAction | undefined {
  const m =
    /^(?:the\s+)?(.+?)\s+(?:field\s+|input\s+|box\s+)?(?:has|contains|shows)\s+(?:the\s+)?value\s+(.+)$/i.exec(b) ??
    /^(?:the\s+)?(?:value\s+of\s+(?:the\s+)?)(.+?)\s+(?:is|equals|should\s+be)\s+(.+)$/i.exec(b) ??
    /^(?:the\s+)?(.+?)\s+(?:field\s+)?value\s+is\s+(.+)$/i.exec(b) ??
    /^(?:the\s+)?(.+?\s+(?:field|input|text box|textbox))\s+(?:is|equals|contains|has|shows)\s+("[^"]*"|'[^']*')$/i.exec(b);
  if (!m) return undefined;
  const target = readTarget(m[1] ?? '', 'textbox');
  return target ? { kind: 'verify_value', target, value: unquote(m[2] ?? '').text } : undefined;
}

function count(b: string): StepAction | undefined {
  const has = new RegExp(`^(?:the\\s+)?(.+?)\\s+(?:has|have|contains|shows|lists|displays|includes)\\s+(?:exactly\\s+)?${COUNT}\\s+([a-z][a-z -]*?)(?:\\s+in\\s+it)?$`, 'i').exec(b);
  if (has && !/^(?:page|screen|SEE)$/i.test(has[1] ?? '')) {
    const within = readTarget(has[1] ?? '');
    return { kind: 'verify_count', noun: (has[3] ?? '').trim(), count: countOf(has[2] ?? ''), ...(within ? { within } : {}) };
  }
  const numberOf = new RegExp(`^(?:the\\s+)?(?:number|count|total number|amount)\\s+of\\s+(.+?)\\s+(?:is|equals|should\\s+be|=)\\s+["']?${COUNT}["']?$`, 'i').exec(b) ??
    new RegExp(`^(?:the\\s+)?(.+?)\\s+count\\s+(?:is|equals|should\\s+be|=)\\s+["']?${COUNT}["']?$`, 'i').exec(b);
  if (numberOf) return { kind: 'verify_count', noun: (numberOf[1] ?? '').trim(), count: countOf(numberOf[2] ?? '') };
  const bare = new RegExp(`^(?:SEE\\s+|(?:the\\s+)?(?:page|screen)\\s+(?:shows|lists|displays|has|contains)\\s+)(?:exactly\\s+)?${COUNT.replace('an|a|', '')}\\s+([a-z][a-z -]*?)$`, 'i').exec(b);
  if (bare && !/^(?:error|message|item left)/i.test(bare[2] ?? '')) return { kind: 'verify_count', noun: (bare[2] ?? '').trim(), count: countOf(bare[1] ?? '') };
  return undefined;
}

/** "X is disabled", "X should not be checked", "X is rounded" (refused). */
function state(b: string): StepAction | undefined {
  const m = /^(.+?)\s+(?:is|are|looks|appears|becomes|remains|stays)\s+(not\s+)?(.+?)$/i.exec(b);
  if (!m) return undefined;
  const subject = m[1] ?? '';
  let word = (m[3] ?? '').toLowerCase().replace(ON_PAGE, '').replace(/\s+(?:by default|now|again|successfully)$/i, '').trim();
  // "X is available" = X is not unavailable.
  let negate = Boolean(m[2]);
  if (word === 'available') {
    word = 'unavailable';
    negate = !negate;
  }
  const st = STATES[word];
  if (!st) {
    if (UNCHECKABLE.test(word) || /^(?:in|of|with)\s/.test(word)) {
      throw new StepRefusal(`asks for "${word}", which the runner cannot check (it checks text, URLs, titles, values and element states: visible, hidden, enabled, disabled, checked, selected, active, empty, focused)`, word, `verify ${subject} is visible`);
    }
    return undefined;
  }
  if (st === 'visible' || st === 'hidden') {
    const shown = negate ? st === 'hidden' : st === 'visible';
    const what = textOrElement(subject);
    if (!what) return undefined;
    if (what.kind === 'verify_element') return shown ? what : { kind: 'verify_state', target: what.target, state: 'hidden', negate: false };
    return shown ? what : { kind: 'verify_no_text', query: what.query };
  }
  const target = readTarget(subject);
  // "fields are empty": which fields? A plural with no name says too little to check.
  if (!target || /^(?:fields|buttons|inputs|items|links|boxes|checkboxes|elements)$/i.test(target.name)) return undefined;
  return { kind: 'verify_state', target, state: st, negate };
}

/** "the Password field masks input": a field that does not show what is typed. */
function masks(b: string): StepAction | undefined {
  const m = /^(?:the\s+)?(.+?)\s+(?:masks|hides|obscures|conceals)\s+(?:the\s+|its\s+)?(?:typed\s+|entered\s+)?(?:input|text|characters|value|password)$/i.exec(b);
  const target = m ? readTarget(m[1] ?? '', 'textbox') : undefined;
  return target ? { kind: 'verify_state', target, state: 'masked', negate: false } : undefined;
}

function appears(b: string): StepAction | undefined {
  const m = /^(.+?)\s+(?:appears|appear|shows\s+up|show\s+up|pops\s+up|pop\s+up|becomes\s+visible|is\s+(?:displayed|shown|visible)\s+after(?:wards)?|(?:is|gets)\s+(?:displayed|shown)\s+(?:now|afterwards))(?:\s+(?:on|in)\s+(?:the\s+)?(?:page|screen))?$/i.exec(b);
  if (!m) return undefined;
  const what = textOrElement(m[1] ?? '');
  return what ? { ...what, appears: true } : undefined;
}

function pageText(b: string): StepAction | undefined {
  const neg = /^(?:the\s+)?(?:page|screen|site|app|browser|body)\s+(?:does\s+not|doesn't|should\s+not|must\s+not)\s+(?:contain|show|display|include|have|mention)\s+(?:the\s+)?(?:text\s+|message\s+)?(.+)$/i.exec(b);
  if (neg) {
    const query = parseTextQuery(neg[1] ?? '');
    return query ? { kind: 'verify_no_text', query } : undefined;
  }
  const shows = /^(?:(?:the\s+)?(?:page|screen|site|app|browser|body)\s+(?:shows|contains|displays|includes|has|says|reads|mentions)\s+(?:the\s+)?(?:text\s+)?|SEE\s+)(.+)$/i.exec(b);
  if (!shows) return undefined;
  const rest = shows[1] ?? '';
  const bareState = /^(.+?)\s+(?:is|are)\s+/i.test(rest) ? undefined : textOrElement(rest);
  if (bareState) return bareState;
  return undefined;
}

function notVisible(b: string): StepAction | undefined {
  const m = /^(.+?)\s+(?:does|do)\s+not\s+(?:appear|show|exist)(?:\s+(?:on|in)\s+(?:the\s+)?(?:page|screen))?$/i.exec(b) ?? /^(?:no|not\s+any)\s+(.+?)\s+(?:is|are)\s+(?:shown|displayed|visible)$/i.exec(b);
  if (!m) return undefined;
  const query = parseTextQuery(m[1] ?? '');
  return query ? { kind: 'verify_no_text', query } : undefined;
}

/** "the counter shows '1 item left'", "the heading says 'Welcome'": the quoted text is what to look for. */
function elementShows(b: string): StepAction | undefined {
  const m = /^(?:the\s+)?(.+?)\s+(?:shows|contains|displays|says|reads|includes|has\s+(?:the\s+)?text|is|equals|has)\s+("[^"]+"|'[^']+')$/i.exec(b);
  if (!m) return undefined;
  const query = parseTextQuery(m[2] ?? '');
  return query ? { kind: 'verify_text', query } : undefined;
}

/** The part after "verify that": what must be true of the page. */
export function verifyBody(body: string, fromSee: boolean): StepAction | undefined {
  const b = (fromSee ? `SEE ${body}` : body.replace(/^(?:i\s+)?(?:should\s+|can\s+)*see\s+/i, 'SEE ')).trim().replace(ON_PAGE, '');
  const plain = b.replace(/^SEE\s+/, '');
  // "see the home page": a page, not the words "home page".
  const pageName = /^(?:the\s+|an?\s+)?((?:[\w-]+\s+){0,2}[\w-]+)\s+(?:page|screen)$/i.exec(plain);
  if (pageName && !/^(?:error|login\s+error|\d{3})$/i.test(pageName[1] ?? '') && !/\b(?:me|us|my|show)\b/i.test(pageName[1] ?? '')) return { kind: 'verify_page', name: pageName[1] ?? '' };
  const labelled = /^(?:an?\s+)?(?:error|success|info|warning)?\s*(?:message|text|notice)?\s*:\s*("[^"]+"|'[^']+')$/i.exec(plain);
  if (labelled) return textOrElement(labelled[1] ?? '');
  for (const read of [urlOrTitle, status, page, value, count, pageText, appears, notVisible, state, masks, elementShows]) {
    const action = read(read === pageText || read === count ? b : plain);
    if (action) return action;
  }
  // "see the home page": a page, not the words "home page".
  const bare = /^(?:the\s+)?([\w-]+(?:\s+[\w-]+)?)\s+(?:page|screen)$/i.exec(plain);
  if (bare && !/^(?:error|login\s+error)$/i.test(bare[1] ?? '')) return { kind: 'verify_page', name: bare[1] ?? '' };
  const what = textOrElement(plain, !fromSee);
  if (what && (unquote(plain).quoted || what.kind === 'verify_element' || what.query.keyword || fromSee || /["']/.test(plain))) return what;
  return undefined;
}

export function readVerify(s: string): StepAction | undefined {
  const m = VERIFY_VERB.exec(s);
  if (!m) return undefined;
  const verb = (s.split(/\s/)[0] ?? '').toLowerCase();
  return verifyBody(m[1] ?? '', verb === 'see' || verb === 'observe' || verb === 'notice');
}
