/**
 * Common phrasings that mean one grammar action, read after every other form: the passive click
 * ("the Sign in button is clicked"), "log out", "add X to the cart" (the Add to cart button next
 * to X), "the user can access /dashboard" (open it; an error page fails), "it opens the GitHub
 * page", "leave the username and password fields empty" (clear each).
 */
import { unquote } from '../phrases.js';
import type { StepAction } from '../step-types.js';
import { navigationTarget } from './navigate.js';
import { readTarget } from './targets.js';
import { readClear } from './interact.js';

function passiveClick(s: string): StepAction | undefined {
  const m = /^(?:the\s+)?(.+?)\s+(?:button|link|tab)\s+(?:is|was|gets|has been)\s+(?:clicked|pressed|tapped|followed|selected)$/i.exec(s);
  if (!m) return undefined;
  const role = (/\s(button|link|tab)\s+(?:is|was|gets|has been)\s/i.exec(s)?.[1] ?? 'button').toLowerCase();
  const target = readTarget(`${m[1] ?? ''} ${role}`);
  return target && target.name !== '' ? { kind: 'click', target } : undefined;
}

function logOut(s: string): StepAction | undefined {
  const m = /^(log|sign)\s*-?\s*(out|off)$/i.exec(s);
  return m ? { kind: 'click', target: { name: `${(m[1] ?? '').toLowerCase()} out` } } : undefined;
}

function addToCart(s: string): StepAction | undefined {
  const m = /^add\s+("[^"]+"|'[^']+')\s+to\s+(?:the\s+|my\s+)?(cart|basket|bag)$/i.exec(s);
  if (!m) return undefined;
  const item = unquote(m[1] ?? '').text;
  return { kind: 'click', target: { name: `add to ${(m[2] ?? 'cart').toLowerCase()}`, role: 'button', near: item } };
}

function canAccess(s: string): StepAction | undefined {
  const m = /^(?:(?:verify|check|ensure)\s+(?:that\s+)?)?(?:(?:the\s+)?(?:user|i|we|you|visitor|customer)\s+)?(?:can|is able to|are able to|am able to)\s+(?:access|open|reach|visit|get to|navigate to|go to)\s+(.+)$/i.exec(s);
  // Only a place written as one (a path, a URL, "the X page"): "can access the dashboard" is a wish.
  if (!m || !/^(?:the\s+)?(?:\/|https?:\/\/)|\s(?:page|screen)$/i.test(m[1] ?? '')) return undefined;
  const url = navigationTarget(m[1] ?? '');
  return url === undefined ? undefined : { kind: 'navigate', url };
}

function opensPage(s: string): StepAction | undefined {
  const m = /^(?:it|this|that|the\s+(?:link|button|click))\s+(?:opens|loads|shows|displays|brings\s+up|takes\s+(?:me|you|us)\s+to)(?:\s+up)?\s+(?:the\s+)?(.+?)\s+(?:page|screen)$/i.exec(s);
  if (!m) return undefined;
  const name = unquote(m[1] ?? '').text.trim();
  return name === '' ? undefined : { kind: 'verify_page', name };
}

/** "leave both username and password fields empty": one clear per field. */
export function leaveEmpty(s: string): StepAction[] | undefined {
  const m = /^leave\s+(?:both\s+|the\s+|all\s+)?(.+?)\s+(?:fields?|inputs?|boxes)\s+(?:empty|blank|unfilled)$/i.exec(s);
  if (!m) return undefined;
  const names = (m[1] ?? '').split(/\s*(?:,|\band\b)\s*(?:the\s+)?/i).filter(Boolean);
  if (names.length === 0 || names.length > 5) return undefined;
  const actions = names.map((name) => readClear(`clear the ${name} field`));
  return actions.every((a): a is StepAction => a !== undefined) ? actions : undefined;
}

export function readIdiom(s: string): StepAction | undefined {
  for (const read of [passiveClick, logOut, addToCart, canAccess, opensPage]) {
    const action = read(s);
    if (action) return action;
  }
  return undefined;
}
