/**
 * Finds the element a step names, in a fixed preference order: role + name, label, placeholder,
 * text, title/alt, test id (plus name/id attributes and input type for fields). Whole names
 * (ignoring case) before partial ones; visible elements only; the first visible one wins.
 * Polls until the deadline, because the element may still be loading.
 */
import type { Locator, Page } from 'playwright-core';
import type { Target } from './step-types.js';
import { StepFailure, sleep } from './timing.js';

export type Purpose = 'click' | 'fill' | 'select' | 'check' | 'visible';

export interface Located {
  locator: Locator;
  /** e.g. 'button "Sign Up" via role'. */
  matched: string;
}

/** 'full': the whole name, ignoring case and surrounding space; 'partial': a substring. */
type Phase = 'full' | 'partial';
type AriaRole = Parameters<Page['getByRole']>[0];

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
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(text: string): string {
  return JSON.stringify(text);
}

function strategies(page: Page, target: Target, purpose: Purpose, phase: Phase): Strategy[] {
  const name = target.name;
  const text: string | RegExp = phase === 'full' ? new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`, 'i') : name;
  const opts = phase === 'full' ? {} : { exact: false };
  // The role the step named goes first; the others follow, since people call links buttons.
  const roles = [...new Set<AriaRole>([...(target.role ? [target.role] : []), ...ROLES[purpose]])];
  const list: Strategy[] = roles.map((role) => ({
    via: 'role',
    what: role,
    locator: page.getByRole(role, { name: text, ...opts }),
  }));
  list.push({ via: 'label', what: 'field', locator: page.getByLabel(text, opts) });
  list.push({ via: 'placeholder', what: 'field', locator: page.getByPlaceholder(text, opts) });
  if (purpose === 'fill' || purpose === 'select') {
    const attr = phase === 'partial' ? '*=' : '=';
    const fields = ['input', 'textarea', 'select'].map((tag) => `${tag}[name${attr}${cssString(name)} i], ${tag}[id${attr}${cssString(name)} i]`);
    list.push({ via: 'name', what: 'field', locator: page.locator(fields.join(', ')) });
  } else {
    list.push({ via: 'text', what: 'element', locator: page.getByText(text, opts) });
  }
  list.push({ via: 'title', what: 'element', locator: page.getByTitle(text, opts) });
  if (purpose === 'click' || purpose === 'visible') list.push({ via: 'alt', what: 'image', locator: page.getByAltText(text, opts) });
  list.push({ via: 'test id', what: 'element', locator: page.getByTestId(phase === 'full' ? name : new RegExp(escapeRegExp(name), 'i')) });
  if (phase === 'partial' && target.inputType && (purpose === 'fill' || purpose === 'visible')) {
    list.push({ via: 'input type', what: `${target.inputType} field`, locator: page.locator(`input[type=${target.inputType}]`) });
  }
  return list;
}

/** One pass over every strategy; undefined when nothing visible matches yet. */
async function attempt(page: Page, target: Target, purpose: Purpose): Promise<Located | undefined> {
  for (const phase of ['full', 'partial'] as const) {
    for (const strategy of strategies(page, target, purpose, phase)) {
      const visible = strategy.locator.filter({ visible: true });
      if ((await visible.count().catch(() => 0)) > 0) {
        const locator = visible.first();
        const label = await describeElement(locator).catch(() => target.name);
        const how = phase === 'full' ? strategy.via : `${strategy.via}, partial`;
        return { locator, matched: `${strategy.what} "${label || target.name}" via ${how}` };
      }
    }
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

/** Polls until `deadline` (epoch ms); throws a StepFailure naming what was looked for. */
export async function locate(page: Page, target: Target, purpose: Purpose, deadline: number, signal?: AbortSignal): Promise<Located> {
  for (;;) {
    const found = await attempt(page, target, purpose);
    if (found) return found;
    if (Date.now() >= deadline || signal?.aborted) {
      const kind = target.role ? (target.role === 'textbox' ? 'field' : target.role) : purpose === 'fill' ? 'field' : 'element';
      throw new StepFailure(`No visible ${kind} matching "${target.name}" was found on ${page.url()}.`);
    }
    await sleep(Math.min(250, Math.max(0, deadline - Date.now())), signal);
  }
}

/** Non-polling check: does a visible element match right now? */
export async function findNow(page: Page, target: Target, purpose: Purpose): Promise<Located | undefined> {
  return attempt(page, target, purpose);
}
