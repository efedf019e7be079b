/**
 * The explorer's candidate actions on one page, scored toward the goal: click a link or button,
 * fill in and submit a form, or go to a promising page seen earlier. Pure (no browser), so the
 * ranking is deterministic and testable; destructive controls never become candidates.
 */
import { isDestructive, relevance, stem, words, type Goal } from './explorer-goal.js';
import type { PageElement, PageSnapshot } from './explorer-page.js';
import { staticRefusal, type UrlSafetyOptions } from './url-safety.js';

export type PlanStep =
  | { action: 'fill'; element: PageElement; value: string; secret: boolean }
  | { action: 'check'; element: PageElement }
  | { action: 'select'; element: PageElement; option: string }
  | { action: 'click'; element: PageElement }
  | { action: 'press_enter'; element: PageElement }
  | { action: 'navigate'; url: string };

export interface PlanOption {
  /** One line for logs and the LLM chooser, e.g. 'click link "Newsletter"'. */
  description: string;
  score: number;
  /** Performed in order; each is one browser action and one credit. */
  steps: PlanStep[];
  /** A submit related to the goal: look for a success signal afterwards. */
  submitsGoal: boolean;
  /** Remembered so the same option is not tried twice. */
  key: string;
}

export interface ExplorerMemory {
  visited: Set<string>;
  tried: Set<string>;
  /** Same-origin links seen on earlier pages, with their relevance. */
  frontier: Map<string, { name: string; score: number }>;
  generated: { email: string; password: string };
}

export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

const TEXT_TYPES = new Set(['text', 'email', 'password', 'tel', 'url', 'number', 'search', 'textarea', 'date', '']);
const AGREE = /\b(?:agree|terms|accept|consent|privacy|conditions)\b/i;

/** A plausible value for a field: from the prompt where possible, else a safe made-up one. */
export function valueFor(field: PageElement, goal: Goal, memory: ExplorerMemory): { value: string; secret: boolean } {
  const type = field.inputType ?? 'text';
  const name = field.name.toLowerCase();
  if (type === 'password' || /\bpassword\b/.test(name)) return { value: goal.password ?? memory.generated.password, secret: true };
  if (type === 'email' || /\be-?mail\b/.test(name)) return { value: goal.email ?? memory.generated.email, secret: false };
  const nameWords = words(field.name).map(stem);
  const quoted = goal.quoted.find((q) => q.context.some((w) => nameWords.includes(stem(w))));
  if (quoted) return { value: quoted.value, secret: false };
  if (type === 'tel' || /\bphone|mobile\b/.test(name)) return { value: '+1 555 0100', secret: false };
  if (type === 'url' || /\bwebsite|url\b/.test(name)) return { value: 'https://example.com', secret: false };
  if (type === 'number' || /\b(?:quantity|qty|amount|age)\b/.test(name)) return { value: '1', secret: false };
  if (type === 'date') return { value: '2024-01-15', secret: false };
  if (type === 'search' || /\bsearch|query\b/.test(name)) return { value: goal.quoted[0]?.value ?? goal.keywords.join(' '), secret: false };
  if (/\bfirst\b/.test(name)) return { value: 'Test', secret: false };
  if (/\b(?:last|surname|family)\b/.test(name)) return { value: 'User', secret: false };
  if (/\bname\b/.test(name)) return { value: 'Test User', secret: false };
  if (/\b(?:company|organi[sz]ation)\b/.test(name)) return { value: 'Example Inc', secret: false };
  if (/\b(?:zip|postal|postcode)\b/.test(name)) return { value: '10001', secret: false };
  if (/\bcity\b/.test(name)) return { value: 'Springfield', secret: false };
  if (/\baddress\b/.test(name)) return { value: '1 Main Street', secret: false };
  if (type === 'textarea' || /\b(?:message|comment|note)\b/.test(name)) return { value: 'Hello from a Testr exploration.', secret: false };
  return { value: goal.quoted.find(() => true)?.value ?? 'Test', secret: false };
}

function formOption(goal: Goal, snapshot: PageSnapshot, memory: ExplorerMemory, form: number): PlanOption | undefined {
  const inForm = snapshot.elements.filter((e) => e.form === form);
  const fields = inForm.filter((e) => e.kind === 'field');
  const submit = inForm.find((e) => e.kind === 'button' && e.submit) ?? (form >= 0 ? inForm.find((e) => e.kind === 'button') : undefined);
  if (submit && isDestructive(submit.name, submit.href)) return undefined;
  if (form < 0 && !submit) return undefined;
  const steps: PlanStep[] = [];
  let lastText: PageElement | undefined;
  for (const field of fields) {
    const type = field.inputType ?? 'text';
    if (TEXT_TYPES.has(type)) {
      const { value, secret } = valueFor(field, goal, memory);
      if (!secret && field.value !== '' && field.value === value) continue;
      steps.push({ action: 'fill', element: field, value, secret });
      lastText = field;
    } else if (type === 'checkbox') {
      if (!field.checked && !isDestructive(field.name) && (field.required || AGREE.test(field.name) || relevance(goal, field.name) > 0)) {
        steps.push({ action: 'check', element: field });
      }
    } else if (type === 'select' && field.options) {
      const quotedValues = goal.quoted.map((q) => q.value.toLowerCase());
      const option = field.options.find((o) => quotedValues.includes(o.toLowerCase())) ?? field.options.find((o) => relevance(goal, o) > 0);
      if (option && option !== field.value) steps.push({ action: 'select', element: field, option });
    }
  }
  if (!steps.some((s) => s.action === 'fill')) return undefined;
  if (submit) steps.push({ action: 'click', element: submit });
  else if (lastText) steps.push({ action: 'press_enter', element: lastText });
  const related = (submit ? relevance(goal, submit.name) * 1.5 : 0) + relevance(goal, fields.map((f) => f.name).join(' ')) * 0.3;
  const usesPromptEmail = goal.email !== undefined && fields.some((f) => f.inputType === 'email' || /e-?mail/i.test(f.name));
  // Submitting a form has effects: only forms that have something to do with the goal.
  if (related === 0 && !usesPromptEmail) return undefined;
  const score = related + (usesPromptEmail ? 0.5 : 0) + (related > 0 ? 1 : 0);
  const label = submit ? `"${submit.name}"` : `with ${fields.length} field(s)`;
  return {
    description: `fill in and submit the form ${label} (${fields.map((f) => `"${f.name}"`).join(', ')})`,
    score,
    steps,
    submitsGoal: related > 0 || usesPromptEmail,
    key: `${pageKey(snapshot.url)}|form|${form}|${submit?.name ?? ''}`,
  };
}

/**
 * Text fields outside any form (a search box, a todo input): type, then press Enter, as people do.
 * Only fields related to the goal, or taking a value the goal gives.
 */
function looseFieldOptions(goal: Goal, snapshot: PageSnapshot, memory: ExplorerMemory): PlanOption[] {
  const options: PlanOption[] = [];
  for (const field of snapshot.elements) {
    if (field.kind !== 'field' || field.form >= 0 || !TEXT_TYPES.has(field.inputType ?? 'text') || field.inputType === 'password') continue;
    const { value, secret } = valueFor(field, goal, memory);
    const fromGoal = goal.quoted.some((q) => q.value === value) || (goal.email !== undefined && value === goal.email);
    const related = relevance(goal, field.name) + (field.inputType === 'search' ? relevance(goal, 'search') : 0);
    if (related === 0 && !fromGoal) continue;
    options.push({
      description: `type into "${field.name}" and press Enter`,
      score: related * 1.5 + (fromGoal ? 1 : 0),
      steps: [
        { action: 'fill', element: field, value, secret },
        { action: 'press_enter', element: field },
      ],
      submitsGoal: true,
      key: `${pageKey(snapshot.url)}|field|${field.name}|${value}`,
    });
  }
  return options;
}

/** A link to another view of a single-page app (#/active): same document, another route. */
function isHashRoute(href: string, here: string): boolean {
  try {
    const to = new URL(href);
    return pageKey(href) === pageKey(here) && /^#!?\//.test(to.hash) && to.hash !== new URL(here).hash;
  } catch {
    return false;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function linkWords(href: string): string {
  try {
    return decodeURIComponent(new URL(href).pathname).replace(/[-_/]+/g, ' ');
  } catch {
    return '';
  }
}

/** Every allowed option on the page, best first (stable: document order breaks ties). */
export function planOptions(goal: Goal, snapshot: PageSnapshot, memory: ExplorerMemory, safety: UrlSafetyOptions): PlanOption[] {
  const options: PlanOption[] = [];
  const here = pageKey(snapshot.url);
  const forms = [...new Set(snapshot.elements.filter((e) => e.kind === 'field').map((e) => e.form))];
  const formSubmitIds = new Set<number>();
  for (const form of forms) {
    const option = formOption(goal, snapshot, memory, form);
    if (!option) continue;
    const last = option.steps[option.steps.length - 1];
    if (last && last.action === 'click') formSubmitIds.add(last.element.id);
    if (!memory.tried.has(option.key)) options.push(option);
  }
  for (const option of looseFieldOptions(goal, snapshot, memory)) if (!memory.tried.has(option.key)) options.push(option);
  const linkedHere = new Set<string>();
  for (const el of snapshot.elements) {
    if (el.kind === 'field' || formSubmitIds.has(el.id) || el.name === '') continue;
    if (isDestructive(el.name, el.href)) continue;
    if (el.href !== undefined) {
      if (!/^https?:/i.test(el.href) || !sameOrigin(el.href, snapshot.url)) continue;
      const refusal = staticRefusal(el.href, safety);
      if (refusal) continue;
      const target = pageKey(el.href);
      if (!isHashRoute(el.href, snapshot.url)) {
        linkedHere.add(target);
        if (target === here || memory.visited.has(target)) continue;
      }
    }
    const score = relevance(goal, el.name) + (el.href ? relevance(goal, linkWords(el.href)) * 0.3 : 0);
    // A form's submit button is used through its form option; unrelated form buttons have effects.
    if (el.kind === 'button' && el.form >= 0 && ((el.submit && forms.includes(el.form)) || score === 0)) continue;
    if (el.href && pageKey(el.href) !== here) {
      const known = memory.frontier.get(pageKey(el.href));
      if (!known || known.score < score) memory.frontier.set(pageKey(el.href), { name: el.name, score });
    }
    const key = `${here}|click|${el.name}|${el.href ?? ''}`;
    if (memory.tried.has(key)) continue;
    const isButton = el.kind === 'button' && !el.href;
    options.push({
      description: `click ${el.kind === 'link' ? 'link' : 'button'} "${el.name}"`,
      score: score > 0 ? score : isButton ? 0.005 : 0.01,
      steps: [{ action: 'click', element: el }],
      submitsGoal: isButton && score > 0,
      key,
    });
  }
  // Pages seen earlier but not linked from here: one navigation away (unrelated ones last).
  for (const [url, seen] of memory.frontier) {
    if (memory.visited.has(url) || linkedHere.has(url)) continue;
    options.push({ description: `navigate to ${url} ("${seen.name}")`, score: seen.score > 0 ? seen.score - 0.1 : 0.001, steps: [{ action: 'navigate', url }], submitsGoal: false, key: `navigate|${url}` });
  }
  return options
    .map((option, index) => ({ option, index }))
    .sort((a, b) => b.option.score - a.option.score || a.index - b.index)
    .map(({ option }) => option);
}
