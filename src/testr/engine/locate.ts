/**
 * Finds the element a step names, in a fixed preference order: role + name, label, placeholder,
 * text, title/alt, test id (plus name/id attributes and input type for fields). Whole names
 * (ignoring case) before partial ones; visible elements only. `#id`/`.class` selectors, "the
 * first result" and "the Delete button next to 'Pay rent'" (searched inside the nearest row, list
 * item, card or form that shows that text) narrow the search.
 *
 * When several visible elements match, the step's ordinal picks one; otherwise the preference is:
 * enabled before disabled, outside page chrome (nav, header, footer) before inside it, then the
 * first in page order. The choice and its reason are recorded in `matched`.
 * Polls until the deadline, because the element may still be loading.
 */
import type { Locator, Page } from 'playwright-core';
import type { Target } from './step-types.js';
import { StepFailure, sleep } from './timing.js';

export type Purpose = 'click' | 'fill' | 'select' | 'check' | 'visible' | 'upload';

export interface Located {
  locator: Locator;
  /** e.g. 'button "Sign Up" via role'. */
  matched: string;
}

/** 'full': the whole name, ignoring case and surrounding space; 'partial': a substring. */
type Phase = 'full' | 'partial';
type AriaRole = Parameters<Page['getByRole']>[0];
type Root = Page | Locator;

interface Strategy {
  via: string;
  what: string;
  locator: Locator;
}

const ROLES: Record<Purpose, AriaRole[]> = {
  click: ['button', 'link', 'checkbox', 'radio', 'textbox', 'combobox', 'tab', 'menuitem', 'option', 'switch'],
  fill: ['textbox', 'searchbox', 'spinbutton', 'combobox'],
  select: ['combobox', 'listbox'],
  check: ['checkbox', 'radio', 'switch'],
  visible: ['button', 'link', 'checkbox', 'radio', 'textbox', 'combobox', 'tab', 'menuitem', 'heading', 'img'],
  upload: ['button', 'textbox'],
};

const CHROME = 'nav, header, footer, [role=navigation], [role=banner], [role=contentinfo]';
const CONTAINER = "ancestor-or-self::*[self::li or self::tr or self::article or self::form or self::fieldset or self::section or @role='row' or @role='listitem' or @role='group' or @role='dialog'][1]";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(text: string): string {
  return JSON.stringify(text);
}

function genericStrategies(root: Root, target: Target): Strategy[] {
  switch (target.generic) {
    case 'result':
      return [
        { via: 'results', what: 'result', locator: root.locator(`main a[href], [role=main] a[href], #search a[href], #results a[href], ol a[href], ul a[href]`).filter({ hasNot: root.locator(CHROME) }) },
        { via: 'links', what: 'link', locator: root.getByRole('link') },
      ];
    case 'link':
      return [{ via: 'role', what: 'link', locator: root.getByRole('link') }];
    case 'button':
      return [{ via: 'role', what: 'button', locator: root.getByRole('button') }];
    case 'checkbox':
      return [{ via: 'role', what: 'checkbox', locator: root.getByRole('checkbox') }];
    case 'row':
      return [{ via: 'role', what: 'row', locator: root.getByRole('row') }];
    default:
      return [{ via: 'list', what: 'item', locator: root.locator('li, article, [role=listitem], [role=article]') }];
  }
}

function strategies(root: Root, target: Target, purpose: Purpose, phase: Phase): Strategy[] {
  if (target.selector) return phase === 'full' ? [{ via: 'selector', what: 'element', locator: root.locator(target.selector) }] : [];
  if (target.generic) return phase === 'full' ? genericStrategies(root, target) : [];
  const name = target.name;
  const text: string | RegExp = phase === 'full' ? new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`, 'i') : name;
  const opts = phase === 'full' ? {} : { exact: false };
  // The role the step named goes first; the others follow, since people call links buttons.
  const roles = [...new Set<AriaRole>([...(target.role ? [target.role] : []), ...ROLES[purpose]])];
  const list: Strategy[] = roles.map((role) => ({ via: 'role', what: role, locator: root.getByRole(role, { name: text, ...opts }) }));
  list.push({ via: 'label', what: 'field', locator: root.getByLabel(text, opts) });
  list.push({ via: 'placeholder', what: 'field', locator: root.getByPlaceholder(text, opts) });
  if (purpose === 'fill' || purpose === 'select' || purpose === 'upload') {
    const attr = phase === 'partial' ? '*=' : '=';
    const fields = ['input', 'textarea', 'select'].map((tag) => `${tag}[name${attr}${cssString(name)} i], ${tag}[id${attr}${cssString(name)} i]`);
    list.push({ via: 'name', what: 'field', locator: root.locator(fields.join(', ')) });
  } else {
    list.push({ via: 'text', what: 'element', locator: root.getByText(text, opts) });
  }
  list.push({ via: 'title', what: 'element', locator: root.getByTitle(text, opts) });
  if (purpose === 'click' || purpose === 'visible') list.push({ via: 'alt', what: 'image', locator: root.getByAltText(text, opts) });
  list.push({ via: 'test id', what: 'element', locator: root.getByTestId(phase === 'full' ? name : new RegExp(escapeRegExp(name), 'i')) });
  if (phase === 'partial' && target.inputType && (purpose === 'fill' || purpose === 'visible')) {
    list.push({ via: 'input type', what: `${target.inputType} field`, locator: root.locator(`input[type=${target.inputType}]`) });
  }
  if (purpose === 'upload') list.push({ via: 'input type', what: 'file input', locator: root.locator('input[type=file]') });
  return list;
}

/** Which of several matches to take, and why (the preference order in the header comment). */
async function choose(all: Locator, count: number, target: Target): Promise<{ locator: Locator; why: string }> {
  if (count === 1) return { locator: all.first(), why: '' };
  if (target.ordinal !== undefined) {
    const index = target.ordinal < 0 ? count + target.ordinal : target.ordinal - 1;
    if (index < 0 || index >= count) throw new StepFailure(`Only ${count} matching elements are visible, so there is no ${target.ordinal < 0 ? 'last-but' : `number ${target.ordinal}`} one.`);
    return { locator: all.nth(index), why: ` (${index + 1} of ${count} matches, as the step asked)` };
  }
  const facts = await all.evaluateAll(
    (els, chrome) => els.slice(0, 25).map((el) => ({ disabled: el.matches(':disabled, [aria-disabled=true]'), chrome: el.closest(chrome) !== null })),
    CHROME,
  );
  const score = (f: { disabled: boolean; chrome: boolean }): number => (f.disabled ? 2 : 0) + (f.chrome ? 1 : 0);
  let best = 0;
  facts.forEach((f, i) => {
    if (score(f) < score(facts[best] ?? f)) best = i;
  });
  const reasons = [facts[best]?.disabled ? '' : 'enabled', facts[best]?.chrome ? '' : 'outside navigation, header and footer', 'first in page order'].filter(Boolean);
  return { locator: all.nth(best), why: ` (${count} matches; took number ${best + 1}: ${reasons.join(', ')})` };
}

/** The nearest row, list item, card or form that shows `text`, or undefined when no element shows it. */
async function scopeNear(page: Page, text: string): Promise<Locator | undefined> {
  const anchor = page.getByText(text, { exact: false }).filter({ visible: true });
  if ((await anchor.count().catch(() => 0)) === 0) return undefined;
  const container = anchor.first().locator(`xpath=${CONTAINER}`);
  return (await container.count().catch(() => 0)) > 0 ? container.first() : anchor.first().locator('xpath=../..');
}

/** One pass over every strategy; undefined when nothing visible matches yet. */
async function attempt(page: Page, target: Target, purpose: Purpose): Promise<Located | undefined> {
  let root: Root = page;
  if (target.near) {
    const scope = await scopeNear(page, target.near);
    if (!scope) return undefined;
    root = scope;
  }
  for (const phase of ['full', 'partial'] as const) {
    for (const strategy of strategies(root, target, purpose, phase)) {
      const visible = strategy.locator.filter({ visible: true });
      const count = await visible.count().catch(() => 0);
      if (count > 0) {
        const { locator, why } = await choose(visible, count, target);
        const label = await describeElement(locator).catch(() => target.name);
        const how = phase === 'full' ? strategy.via : `${strategy.via}, partial`;
        const near = target.near ? ` next to "${target.near}"` : '';
        return { locator, matched: `${strategy.what} "${label || target.name}"${near} via ${how}${why}` };
      }
    }
  }
  // "check 'Pay rent'" where the text is not the box's label: the checkbox in the row that shows it.
  if (purpose === 'check' && !target.near && !target.generic && !target.selector && target.name !== '') {
    return attempt(page, { name: '', generic: 'checkbox', near: target.name }, purpose);
  }
  return undefined;
}

/** The text a person would use for the element: its label, text, value or placeholder. */
async function describeElement(locator: Locator): Promise<string> {
  const text = await locator.evaluate((el) => {
    const input = el as HTMLInputElement;
    const labelled = el.getAttribute('aria-label') ?? input.labels?.[0]?.innerText;
    const own = (el as HTMLElement).innerText;
    return labelled ?? (own && own.trim() !== '' ? own : (input.value || input.placeholder || el.getAttribute('title') || el.getAttribute('alt') || ''));
  }, undefined, { timeout: 1_000 });
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}

function lookedFor(target: Target, purpose: Purpose): string {
  if (target.selector) return `element matching ${target.selector}`;
  if (target.generic) return `${target.generic}${target.near ? ` next to "${target.near}"` : ''}`;
  const kind = target.role ? (target.role === 'textbox' ? 'field' : target.role) : purpose === 'fill' ? 'field' : 'element';
  return `${kind} matching "${target.name}"${target.near ? ` next to "${target.near}"` : ''}`;
}

/** Polls until `deadline` (epoch ms); throws a StepFailure naming what was looked for. */
export async function locate(page: Page, target: Target, purpose: Purpose, deadline: number, signal?: AbortSignal): Promise<Located> {
  for (;;) {
    const found = await attempt(page, target, purpose);
    if (found) return found;
    if (Date.now() >= deadline || signal?.aborted) {
      throw new StepFailure(`No visible ${lookedFor(target, purpose)} was found on ${page.url()}.`);
    }
    await sleep(Math.min(250, Math.max(0, deadline - Date.now())), signal);
  }
}

/** Non-polling check: does a visible element match right now? */
export async function findNow(page: Page, target: Target, purpose: Purpose): Promise<Located | undefined> {
  return attempt(page, target, purpose).catch(() => undefined);
}
