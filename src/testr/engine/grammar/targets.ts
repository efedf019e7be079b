/**
 * Element phrases beyond "the X button": ordinals ("the first result"), scopes ("the Delete
 * button next to 'Pay rent'"), role words before a name ("the link 'About'") and CSS selectors
 * ("#email", ".btn-primary"). The plain "the X button" form is parseTarget's.
 */
import { parseTarget, unquote } from '../phrases.js';
import type { Target, TargetRole } from '../step-types.js';
import { StepRefusal } from './refusal.js';

const ORDINALS: Record<string, number> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, last: -1,
};

const ROLE_BEFORE: Array<[RegExp, TargetRole]> = [
  [/^(?:radio button|radio)\s+/i, 'radio'],
  [/^(?:button|btn)\s+/i, 'button'],
  [/^(?:link|hyperlink)\s+/i, 'link'],
  [/^(?:checkbox|check box)\s+/i, 'checkbox'],
  [/^(?:menu item|menuitem)\s+/i, 'menuitem'],
  [/^tab\s+/i, 'tab'],
  [/^(?:dropdown|drop-down|select box|combobox)\s+/i, 'combobox'],
  [/^(?:field|input|text box|textbox|input field|text field)\s+/i, 'textbox'],
];

const GENERIC: Record<string, NonNullable<Target['generic']>> = {
  result: 'result', results: 'result', 'search result': 'result', link: 'link', links: 'link', button: 'button',
  buttons: 'button', item: 'item', items: 'item', product: 'item', products: 'item', entry: 'item', card: 'item',
  row: 'row', rows: 'row', checkbox: 'checkbox', box: 'checkbox', 'check box': 'checkbox',
};

/** A CSS selector written as such: "#email", ".btn-primary", "input[name=q]". */
export function cssSelector(phrase: string): string | undefined {
  const t = unquote(phrase.trim().replace(/^(?:the\s+)?(?:element|selector)\s+/i, '')).text.trim();
  if (/^[#.][A-Za-z_][\w-]*(?:[.#][A-Za-z_][\w-]*)*$/.test(t)) return t;
  if (/^[a-z]+(?:[#.][A-Za-z_][\w-]*)+$/.test(t) || /^[a-z]*\[[\w-]+(?:[~|^$*]?=["']?[^"'\]]*["']?)?\]$/.test(t)) return t;
  return undefined;
}

/** Like parseTarget, and also the ordinal, scoped, role-first and selector forms. */
export function readTarget(phrase: string, defaultRole?: TargetRole): Target | undefined {
  let rest = phrase.trim().replace(/^(?:on\s+)?(?:the|a|an|my|your)\s+/i, '');
  const selector = cssSelector(rest);
  if (selector) return { name: selector, selector, ...(defaultRole ? { role: defaultRole } : {}) };

  const colour = /^(red|green|blue|yellow|orange|purple|black|white|grey|gray|big|small|large|round|rounded|bold|primary|secondary)\s+(?=["'])/i.exec(rest);
  if (colour) throw new StepRefusal(`describes the element as "${colour[1]}", which the runner cannot check`, colour[1] ?? '', `click ${rest.slice(colour[0].length)}`);
  const pair = /^("[^"]+"|'[^']+')\s+(?:on|in|for|of|next to|beside)\s+("[^"]+"|'[^']+')$/i.exec(rest);
  if (pair) return { name: unquote(pair[1] ?? '').text, near: unquote(pair[2] ?? '').text, ...(defaultRole ? { role: defaultRole } : {}) };
  // "the submit button in the checkout form": a place the runner cannot scope to by name.
  if (!/["']/.test(rest) && /\s(?:in|on|inside|within|under|below|above|from)\s+(?:the|my|your)\s/i.test(` ${rest}`)) return undefined;
  let near: string | undefined;
  const scoped = /^(.+?)\s+(?:next to|beside|near|alongside|in the (?:same )?row (?:of|for|with|containing)|in the row|for the item|for)\s+(?:the\s+)?("[^"]+"|'[^']+'|.+?)(?:\s+(?:item|row|entry|task|todo|line))?$/i.exec(rest);
  if (scoped && (unquote(scoped[2] ?? '').quoted || !/\s(?:for)\s/i.test(` ${rest} `))) {
    rest = scoped[1] ?? rest;
    near = unquote(scoped[2] ?? '').text;
  }
  let ordinal: number | undefined;
  const ord = /^(?:the\s+)?(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+(.+)$/i.exec(rest);
  if (ord) {
    ordinal = ORDINALS[(ord[1] ?? '').toLowerCase()];
    rest = ord[2] ?? rest;
  }
  let target: Target | undefined;
  const generic = GENERIC[rest.toLowerCase()];
  if (generic && (ordinal !== undefined || near !== undefined)) {
    target = { name: '', generic };
  } else {
    const roleFirst = ROLE_BEFORE.find(([re]) => re.test(rest));
    const named = roleFirst && /^(?:named|called|labell?ed|titled|with(?: the)? (?:text|label|name))?\s*("[^"]+"|'[^']+')$/i.exec(rest.replace(roleFirst[0], ''));
    if (roleFirst && named) {
      target = { name: unquote(named[1] ?? '').text, role: roleFirst[1] };
    } else {
      target = parseTarget(rest, defaultRole);
    }
  }
  if (!target) return undefined;
  if (ordinal !== undefined) target.ordinal = ordinal;
  if (near !== undefined && near !== '') target.near = near;
  return target;
}
