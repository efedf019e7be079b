/**
 * Steps that act on the page: click (press, follow, tap), hover, type and fill, clear, select from a
 * list, check and uncheck, press a key, scroll, close a dialog, upload a file.
 */
import { parseKey, parseValue, leadingQuoted, unquote, inputTypeOf } from '../phrases.js';
import type { StepAction, Target } from '../step-types.js';
import { readTarget } from './targets.js';

const CLICKABLE_ROLES = ['button', 'link', 'tab', 'menuitem', 'radio', 'checkbox'];

export function readPressKey(s: string): StepAction | undefined {
  const m = /^(?:press|hit|type|tap)\s+(?:the\s+)?(.+?)(?:\s+(?:key|button))?(?:\s+on\s+the\s+keyboard)?$/i.exec(s);
  if (!m) return undefined;
  const key = parseKey(/key$/i.test(s) ? `${m[1] ?? ''} key` : (m[1] ?? ''));
  return key ? { kind: 'press_key', key } : undefined;
}

export function readSubmit(s: string): StepAction | undefined {
  if (!/^submit(?:\s+(?:the|this)\s+(?:\w+\s+)?form|\s+it)?$/i.test(s)) return undefined;
  return { kind: 'click', target: { name: 'submit', role: 'button', selector: 'button[type=submit], input[type=submit], button:not([type])' } };
}

export function readClick(s: string): StepAction | undefined {
  const m = /^(?:click|double[-\s]?click|tap|press|hit|push|follow|activate|select|choose|open)(?:\s+(?:on|at))?\s+(.+)$/i.exec(s);
  if (!m) return undefined;
  const verb = s.split(/\s/)[0]?.toLowerCase();
  if (/^to\s/i.test(m[1] ?? '')) return undefined;
  const target = readTarget(m[1] ?? '');
  if (!target || (target.name === '' && !target.generic)) return undefined;
  // "select X" / "choose X" / "open X" are only clicks when they name a clickable thing.
  if ((verb === 'select' || verb === 'choose' || verb === 'open') && !CLICKABLE_ROLES.includes(target.role ?? '') && !target.generic) return undefined;
  return { kind: 'click', target };
}

export function readHover(s: string): StepAction | undefined {
  const m = /^(?:hover|mouse\s*over|move\s+the\s+mouse\s+(?:over|to))(?:\s+over|\s+on)?\s+(.+)$/i.exec(s);
  const target = m ? readTarget(m[1] ?? '') : undefined;
  return target ? { kind: 'hover', target } : undefined;
}

export function readFillWith(s: string): StepAction | undefined {
  const m = /^(?:fill(?:\s+in|\s+out)?|set|populate|complete|change|input)\s+(.+?)\s+(?:with|to)\s+(.+)$/i.exec(s);
  if (!m) return undefined;
  // "with the isbn of ...", "with valid credentials": data the step does not give.
  if (!unquote(m[2] ?? '').quoted && /^(?:the|my|his|her|their|its|valid|invalid|correct|wrong|incorrect|some|proper)\s/i.test(m[2] ?? '') && !('generate' in parseValue(m[2] ?? ''))) return undefined;
  const target = readTarget(m[1] ?? '', 'textbox');
  return target ? { kind: 'type', target, value: parseValue(m[2] ?? '') } : undefined;
}

/** Behat's `fill in "value" for "Field"` and `enter "value" for "Field"`. */
export function readFillFor(s: string): StepAction | undefined {
  const m = /^(?:fill\s+in|enter|type|input|put)\s+("[^"]*"|'[^']*')\s+for\s+(.+)$/i.exec(s);
  if (!m) return undefined;
  const target = readTarget(m[2] ?? '', 'textbox');
  return target ? { kind: 'type', target, value: parseValue(m[1] ?? '') } : undefined;
}

const FIELD_FOR_VALUE: Record<string, Target> = {
  email: { name: 'email', role: 'textbox', inputType: 'email' },
  password: { name: 'password', role: 'textbox', inputType: 'password' },
  phone: { name: 'phone', role: 'textbox', inputType: 'tel' },
  name: { name: 'name', role: 'textbox' },
};

/** A field phrase (a quoted name needs a colon after it), then the quoted value at the end. */
const FIELD_THEN_VALUE = /^(?:the\s+)?((?:"[^"]+"|'[^']+')(?:\s+(?:field|box|input|textbox|area))?\s*:|[^"':]+?:?)\s+("[^"]*"|'[^']*')$/i;

export function readType(s: string): StepAction | undefined {
  const m = /^(?:type|enter|fill(?:\s+in)?|input|write|put|provide|insert|key\s+in)\s+(?:in(?:to)?\s+)?(.+)$/i.exec(s);
  if (!m) return undefined;
  const rest = m[1] ?? '';
  let value: string;
  let fieldPhrase: string | undefined;
  const q = leadingQuoted(rest);
  const sep = /^(?:into|in to|in|inside|on|to|as|at)\s+(?:the\s+)?(.+)$/i;
  const fieldFirst = FIELD_THEN_VALUE.exec(rest);
  if (q && !fieldFirst) {
    const f = sep.exec(q[1]);
    if (!f) return undefined;
    value = `"${q[0]}"`;
    fieldPhrase = f[1] ?? '';
  } else if (fieldFirst) {
    // "type in the search field "hello"", "type in "Email": "ada@example.com"": the field, then the value.
    fieldPhrase = (fieldFirst[1] ?? '').replace(/\s*:$/, '');
    // "type the text "hello"" names the value, not a field.
    if (/^(?:the\s+|some\s+)?(?:text|words?|value|string|phrase|characters?)$/i.test(fieldPhrase)) return undefined;
    value = fieldFirst[2] ?? '';
  } else {
    // Split at the last "into" (else the last " in "): values rarely contain them.
    const split = /^(.+)\s+(?:into|in to)\s+(?:the\s+)?(.+)$/i.exec(rest) ?? /^(.+)\s+(?:in|inside|as|on)\s+(?:the\s+)?(.+)$/i.exec(rest);
    value = split ? (split[1] ?? '') : rest;
    fieldPhrase = split?.[2];
  }
  const typed = parseValue(value);
  if (fieldPhrase === undefined) {
    // "enter a valid email address": the kind of value names the field.
    const field = 'generate' in typed ? FIELD_FOR_VALUE[typed.generate] : undefined;
    return field ? { kind: 'type', target: { ...field }, value: typed } : undefined;
  }
  const target = readTarget(fieldPhrase, 'textbox');
  return target ? { kind: 'type', target, value: typed } : undefined;
}

export function readClear(s: string): StepAction | undefined {
  const m = /^(?:clear|empty|erase)(?:\s+out)?\s+(.+)$/i.exec(s) ?? /^(?:leave)\s+(.+?)\s+(?:empty|blank)$/i.exec(s);
  const target = m ? readTarget(m[1] ?? '', 'textbox') : undefined;
  if (!target || /\band\b/i.test(target.name)) return undefined;
  return { kind: 'type', target, value: { literal: '' } };
}

export function readSelect(s: string): StepAction | undefined {
  const m = /^(?:select|choose|pick)\s+(.+?)\s+(?:from|in|on|for|within)\s+(?:the\s+)?(.+)$/i.exec(s);
  if (!m) return undefined;
  const option = unquote((m[1] ?? '').replace(/^(?:the\s+)?(?:option\s+|value\s+)?/i, '').replace(/\s+(?:option|value|item)$/i, '')).text;
  const target = readTarget((m[2] ?? '').replace(/\s+list$/i, ' dropdown'), 'combobox');
  if (!target || option === '') return undefined;
  return { kind: 'select', target, option };
}

/**
 * check / uncheck / tick / untick. "Check X" is an action only when X is named as a checkbox (or
 * radio, or the verb is tick): otherwise "check ..." is an assertion, read by the verify family.
 */
export function readCheckbox(s: string): StepAction | undefined {
  const m = /^(un)?(check|tick|select|mark|toggle(?:\s+on)?|switch\s+on|enable)\s+(?:the\s+)?(.+?)(?:\s+as\s+(?:done|complete|completed))?$/i.exec(s);
  if (!m) return undefined;
  const phrase = m[3] ?? '';
  if (/^(?:that|if|whether)\b/i.test(phrase)) return undefined;
  const verb = (m[2] ?? '').toLowerCase();
  const target = readTarget(phrase);
  if (!target) return undefined;
  const named = target.role === 'checkbox' || target.role === 'radio' || target.generic === 'checkbox';
  if (!named && !m[1] && !(verb === 'tick' || verb === 'mark')) return undefined;
  if (target.role && target.role !== 'checkbox' && target.role !== 'radio') return undefined;
  delete target.inputType;
  return m[1] ? { kind: 'uncheck', target } : { kind: 'check', target };
}

export function readScroll(s: string): StepAction | undefined {
  const m = /^scroll\s+(?:the\s+page\s+)?(?:all\s+the\s+way\s+)?(?:to\s+the\s+|to\s+)?(up|down|top|bottom)(?:\s+of\s+the\s+page)?$/i.exec(s);
  if (m) return { kind: 'scroll', direction: (m[1] ?? 'down').toLowerCase() as 'up' | 'down' | 'top' | 'bottom' };
  const to = /^scroll\s+(?:down\s+|up\s+)?(?:to|until)\s+(.+?)(?:\s+is\s+visible)?$/i.exec(s);
  const target = to ? readTarget(to[1] ?? '') : undefined;
  return target ? { kind: 'scroll_to', target } : undefined;
}

export function readCloseDialog(s: string): StepAction | undefined {
  return /^(?:close|dismiss|exit)\s+(?:the\s+)?(?:\w+\s+)?(?:dialog|modal|pop-?up|popup window|overlay|banner|lightbox|alert)(?:\s+box|\s+window)?$/i.test(s) ? { kind: 'close_dialog' } : undefined;
}

export function readUpload(s: string): StepAction | undefined {
  const m = /^(?:upload|attach)\s+(?:the\s+|a\s+)?(?:file\s+)?(.+?)(?:\s+(?:to|into|in|using|with|as)\s+(?:the\s+)?(.+))?$/i.exec(s);
  if (!m) return undefined;
  const file = unquote(m[1] ?? '').text.trim();
  const name = /^(?:a\s+)?(?:file|document|image|photo|picture)$/i.test(file) ? 'test-file.txt' : file;
  if (!/^[\w .-]+\.[A-Za-z0-9]{1,5}$/.test(name)) return undefined;
  const target = m[2] ? readTarget(m[2]) : { name: '', selector: 'input[type=file]' };
  if (!target) return undefined;
  if (!target.inputType && inputTypeOf(target.name) === undefined) delete target.inputType;
  return { kind: 'upload', target, file: name };
}
