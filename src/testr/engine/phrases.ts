/**
 * Small text helpers for the step grammar: quotes, element phrases, keys and generic phrases.
 */
import type { GeneratedKind, Target, TargetRole, TextQuery, TypedValue } from './step-types.js';

/** Straight quotes, single spaces, no trailing full stop outside quotes. */
export function normalizeStep(text: string): string {
  return text
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u2018\u2019\u201A]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!;]+$/, '')
    .trim();
}

/** `"x"` or `'x'` → { text: x, quoted: true }; anything else unchanged. */
export function unquote(text: string): { text: string; quoted: boolean } {
  const t = text.trim();
  const m = /^"([^"]*)"$/.exec(t) ?? /^'([^']*)'$/.exec(t);
  return m ? { text: m[1] ?? '', quoted: true } : { text: t, quoted: false };
}

/** A leading quoted string and what follows it: `"a b" into x` → ['a b', 'into x']. */
export function leadingQuoted(text: string): [string, string] | undefined {
  const m = /^"([^"]*)"\s*(.*)$/.exec(text) ?? /^'([^']*)'\s*(.*)$/.exec(text);
  return m ? [m[1] ?? '', m[2] ?? ''] : undefined;
}

const ROLE_WORDS: Array<[RegExp, TargetRole | undefined]> = [
  [/\s+(?:radio button|radio)$/i, 'radio'],
  [/\s+(?:button|btn)$/i, 'button'],
  [/\s+(?:link|hyperlink)$/i, 'link'],
  [/\s+(?:checkbox|check box|tickbox)$/i, 'checkbox'],
  [/\s+(?:menu item|menuitem|menu option)$/i, 'menuitem'],
  [/\s+tab$/i, 'tab'],
  [/\s+(?:dropdown|drop-down|drop down|select box|select|combobox|combo box)$/i, 'combobox'],
  [/\s+(?:field|input|text box|textbox|box|text field|input field|input box|bar)$/i, 'textbox'],
  [/\s+(?:element|icon|item|option)$/i, undefined],
];

/** Words that name an input type when they appear in a field phrase. */
const INPUT_TYPES: Array<[RegExp, string]> = [
  [/\be-?mail\b/i, 'email'],
  [/\bpassword\b/i, 'password'],
  [/\b(?:phone|telephone|tel|mobile)\b/i, 'tel'],
  [/\bsearch\b/i, 'search'],
  [/\b(?:url|website)\b/i, 'url'],
  [/\bdate\b/i, 'date'],
];

export function inputTypeOf(name: string): string | undefined {
  return INPUT_TYPES.find(([re]) => re.test(name))?.[1];
}

/**
 * "the Sign Up button" → { name: 'Sign Up', role: 'button' }; '"Email"' → { name: 'Email' };
 * "the email field" → { name: 'email', role: 'textbox', inputType: 'email' }.
 */
export function parseTarget(phrase: string, defaultRole?: TargetRole): Target | undefined {
  let rest = phrase.trim().replace(/^(?:on\s+)?(?:the|a|an|my|your)\s+/i, '');
  const q = leadingQuoted(rest);
  let role: TargetRole | undefined;
  let roleNamed = false;
  if (q && q[1] !== '') {
    const suffix = ` ${q[1]}`;
    const hit = ROLE_WORDS.find(([re]) => re.test(suffix) && suffix.replace(re, '') === '');
    if (!hit) return undefined;
    role = hit[1];
    roleNamed = true;
    rest = q[0];
  } else if (q) {
    rest = q[0];
  } else {
    for (const [re, r] of ROLE_WORDS) {
      if (re.test(rest) && rest.replace(re, '').trim() !== '') {
        rest = rest.replace(re, '').trim();
        role = r;
        roleNamed = true;
        break;
      }
    }
    rest = unquote(rest).text;
  }
  if (rest.trim() === '') return undefined;
  const target: Target = { name: rest.trim() };
  const finalRole = roleNamed ? role : defaultRole;
  if (finalRole) target.role = finalRole;
  if (finalRole === 'textbox' || finalRole === undefined || finalRole === 'combobox') {
    const type = inputTypeOf(target.name);
    if (type) target.inputType = type;
  }
  return target;
}

const KEY_NAMES: Record<string, string> = {
  enter: 'Enter', return: 'Enter', tab: 'Tab', escape: 'Escape', esc: 'Escape', space: 'Space',
  spacebar: 'Space', backspace: 'Backspace', delete: 'Delete', del: 'Delete', home: 'Home', end: 'End',
  pageup: 'PageUp', pagedown: 'PageDown', arrowup: 'ArrowUp', arrowdown: 'ArrowDown',
  arrowleft: 'ArrowLeft', arrowright: 'ArrowRight', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft',
  right: 'ArrowRight', insert: 'Insert', control: 'Control', ctrl: 'Control', shift: 'Shift', alt: 'Alt',
  meta: 'Meta', cmd: 'Meta', command: 'Meta',
};

function keyPart(part: string): string | undefined {
  const compact = part.toLowerCase().replace(/[\s_-]+/g, '').replace(/^arrow(up|down|left|right)$/, 'arrow$1');
  const compactArrow = compact.replace(/^(up|down|left|right)arrow$/, 'arrow$1');
  if (KEY_NAMES[compactArrow]) return KEY_NAMES[compactArrow];
  if (/^f([1-9]|1[0-2])$/.test(compact)) return compact.toUpperCase();
  if (/^[a-z0-9]$/.test(compact)) return compact;
  return undefined;
}

/** "Enter", "the Enter key", "arrow down", "Ctrl+A" → the Playwright key name. */
export function parseKey(phrase: string): string | undefined {
  const text = unquote(phrase.replace(/^(?:the\s+)/i, '').replace(/\s+key$/i, '')).text.trim();
  if (text === '') return undefined;
  const parts = text.split(/\s*\+\s*/);
  if (parts.length > 1 && parts.some((p) => p.length > 0 && keyPart(p) === undefined)) return undefined;
  const keys = parts.map(keyPart);
  if (keys.some((k) => k === undefined)) return undefined;
  // A bare single letter or digit is only a key when the user said "key" or quoted it.
  if (keys.length === 1 && /^[a-z0-9]$/.test(keys[0] as string) && !/key$/i.test(phrase.trim()) && !unquote(phrase).quoted) {
    return undefined;
  }
  return keys.join('+');
}

const GENERIC_NOUNS = /\s+(?:message|messages|text|banner|notice|notification|heading|title|alert|toast|greeting|page|screen|popup|pop-up|dialog|confirmation|section|form|error|errors|warning|label)$/i;

/**
 * Text to look for. Quoted text is literal; "a welcome message" becomes the keyword "welcome";
 * other unquoted text is looked for as written (case-insensitive).
 */
export function parseTextQuery(phrase: string): TextQuery | undefined {
  const { text, quoted } = unquote(phrase.trim().replace(/^(?:the\s+)?text\s+(?=["'])/i, ''));
  if (quoted) return text.trim() === '' ? undefined : { text, keyword: false };
  // "the welcome message 'Welcome aboard'" → the quoted part is what to look for.
  const inner = /"([^"]+)"/.exec(text) ?? /(?:^|\s)'([^']+)'(?=$|[\s.,!?])/.exec(text);
  if (inner) return { text: inner[1] ?? '', keyword: false };
  const bare = text.replace(/^(?:a|an|the|some|any)\s+/i, '').trim();
  if (bare === '') return undefined;
  if (GENERIC_NOUNS.test(` ${bare}`) && bare.replace(GENERIC_NOUNS, '').trim() !== '') {
    const keyword = bare.replace(GENERIC_NOUNS, '').trim();
    return { text: keyword, keyword: true };
  }
  if (/^(?:message|confirmation|greeting)$/i.test(bare)) return undefined;
  return { text: bare, keyword: false };
}

const ADJECTIVES = String.raw`(?:(?:a|an|any|some|my|the|new)\s+)?(?:(?:new|valid|random|unique|test|fake|sample|correct|proper|different|dummy|generated)\s+)*`;
const GENERATED: Array<[RegExp, GeneratedKind]> = [
  [new RegExp(`^${ADJECTIVES}e-?mail(?:\\s+address)?$`, 'i'), 'email'],
  [new RegExp(`^${ADJECTIVES}(?:strong\\s+|secure\\s+)?password$`, 'i'), 'password'],
  [new RegExp(`^${ADJECTIVES}(?:full\\s+|first\\s+|last\\s+|user\\s+)?name$`, 'i'), 'name'],
  [new RegExp(`^${ADJECTIVES}(?:phone|mobile|telephone)(?:\\s+number)?$`, 'i'), 'phone'],
  [new RegExp(`^${ADJECTIVES}number$`, 'i'), 'number'],
  [new RegExp(`^${ADJECTIVES}(?:text|comment|message)$`, 'i'), 'text'],
];

/** A value to type: '"x"' literal, "a valid email" generated, other text literal. */
export function parseValue(phrase: string): TypedValue {
  const { text, quoted } = unquote(phrase);
  if (!quoted) {
    const kind = GENERATED.find(([re]) => re.test(text.trim()))?.[1];
    // "name" alone is a literal someone may well type; a generated name needs an article or adjective.
    if (kind && !(kind === 'name' && /^name$/i.test(text.trim())) && !(kind === 'number' && /^number$/i.test(text.trim()))) return { generate: kind };
  }
  return { literal: text };
}

export function describeTarget(target: Target): string {
  return target.role ? `the ${target.role === 'textbox' ? 'field' : target.role} "${target.name}"` : `"${target.name}"`;
}

export function describeValue(value: TypedValue): string {
  if ('literal' in value) return `"${value.literal}"`;
  const words: Record<GeneratedKind, string> = { email: 'email address', password: 'password', name: 'name', phone: 'phone number', number: 'number', text: 'text' };
  return `a generated ${words[value.generate]} (shown in the results)`;
}
