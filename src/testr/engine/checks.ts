/**
 * The assertion steps at run time: text, elements and their states, counts, URL, title, the page
 * reached, values and the HTTP status. Each polls until it holds or the action timeout passes.
 */
import type { ActionContext, ActionResult } from './actions.js';
import { findNow, locate } from './locate.js';
import { excerpt, headings, normalizeText, textMatches, visibleText } from './page-text.js';
import type { ElementState, StepAction, TextMatchMode, TextQuery } from './step-types.js';
import { sleep, StepFailure } from './timing.js';

/** Polls `check` until it is true or the action timeout passes. */
export async function waitUntil(ctx: ActionContext, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ctx.actionTimeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() >= deadline || ctx.signal.aborted) return false;
    await sleep(200, ctx.signal);
  }
}

export async function verifyText(ctx: ActionContext, query: TextQuery, present: boolean): Promise<ActionResult> {
  let last = '';
  const ok = await waitUntil(ctx, async () => {
    last = await visibleText(ctx.page);
    return textMatches(last, query) === present;
  });
  const what = query.pattern ? `Text matching /${query.text}/` : query.keyword ? `Text containing "${query.text}"` : `The text "${query.text}"`;
  if (!ok) {
    throw new StepFailure(
      present ? `${what} was not found on ${ctx.page.url()}. The page shows: "${excerpt(last)}"` : `${what} is still visible on ${ctx.page.url()}.`,
    );
  }
  return { matched: present ? `text "${query.text}"` : `no text "${query.text}"` };
}

function matchesMode(actual: string, want: string, mode: TextMatchMode = 'contains'): boolean {
  const a = actual.toLowerCase();
  const w = want.toLowerCase();
  if (mode === 'equals') return a.trim() === w.trim() || a.replace(/\/$/, '') === w.replace(/\/$/, '');
  if (mode === 'matches') return new RegExp(want, 'i').test(actual);
  return a.includes(w);
}

const MODE_TEXT = { contains: 'contain', equals: 'equal', matches: 'match' } as const;

async function verifyUrlOrTitle(ctx: ActionContext, action: Extract<StepAction, { kind: 'verify_url' | 'verify_title' }>): Promise<ActionResult> {
  const read = async (): Promise<string> => (action.kind === 'verify_url' ? decodeURI(ctx.page.url()) : ctx.page.title());
  let actual = '';
  const want = !action.negate;
  const ok = await waitUntil(ctx, async () => matchesMode((actual = await read()), action.text, action.mode) === want);
  const what = action.kind === 'verify_url' ? `The URL ${actual}` : `The page title "${actual}"`;
  if (!ok) throw new StepFailure(`${what} ${want ? 'does not' : 'should not'} ${MODE_TEXT[action.mode ?? 'contains']} "${action.text}".`);
  return { matched: action.kind === 'verify_url' ? actual : `title "${actual}"` };
}

/** Reads one element state in the page. */
async function stateOf(ctx: ActionContext, action: Extract<StepAction, { kind: 'verify_state' }>): Promise<{ holds: boolean; matched: string }> {
  const purpose = action.state === 'checked' || action.state === 'unchecked' ? 'check' : action.state === 'empty' ? 'fill' : 'visible';
  if (action.state === 'hidden') {
    const found = await findNow(ctx.page, action.target, 'visible');
    return { holds: !found !== action.negate, matched: found?.matched ?? `no visible "${action.target.name}"` };
  }
  if (action.state === 'unavailable') {
    const shown = await findNow(ctx.page, action.target, 'visible');
    if (!shown) return { holds: !action.negate, matched: `no visible "${action.target.name}"` };
    const disabled = await shown.locator.evaluate((el) => (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true').catch(() => false);
    return { holds: disabled !== action.negate, matched: shown.matched };
  }
  const found = await locate(ctx.page, action.target, purpose, Date.now() + ctx.actionTimeoutMs, ctx.signal);
  const facts = await found.locator.evaluate((el) => {
    const input = el as HTMLInputElement;
    const aria = (name: string): string | null => el.getAttribute(name);
    return {
      disabled: input.disabled === true || aria('aria-disabled') === 'true',
      checked: input.checked === true || aria('aria-checked') === 'true',
      selected: (el as HTMLOptionElement).selected === true || aria('aria-selected') === 'true' || input.checked === true,
      active: aria('aria-current') !== null && aria('aria-current') !== 'false' ? true : aria('aria-selected') === 'true' || aria('aria-pressed') === 'true' || /(?:^|\s)(?:active|current|selected|is-active)(?:\s|$)/.test(el.className || ''),
      empty: 'value' in input ? input.value === '' : (el.textContent ?? '').trim() === '' && el.children.length === 0,
      focused: document.activeElement === el,
      masked: el instanceof HTMLInputElement && el.type === 'password',
      items: el.querySelectorAll('li, [role=listitem], tr, [role=row], option').length,
    };
  });
  const value: Record<ElementState, boolean> = {
    visible: true, hidden: false, enabled: !facts.disabled, disabled: facts.disabled, checked: facts.checked, unchecked: !facts.checked,
    selected: facts.selected, active: facts.active, empty: facts.items === 0 && facts.empty, focused: facts.focused,
    masked: facts.masked, unavailable: facts.disabled,
  };
  return { holds: value[action.state] !== action.negate, matched: found.matched };
}

async function verifyCount(ctx: ActionContext, action: Extract<StepAction, { kind: 'verify_count' }>): Promise<ActionResult> {
  const noun = action.noun.replace(/s$/, '');
  const pattern = new RegExp(`(?:^|\\D)${action.count}\\s+${noun.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
  let seen = '';
  const ok = await waitUntil(ctx, async () => {
    const text = await visibleText(ctx.page);
    if (pattern.test(text)) return true;
    const root = action.within ? (await findNow(ctx.page, action.within, 'visible'))?.locator : ctx.page.locator('main, [role=main], body').first();
    if (!root) return false;
    const items = await root.locator('li, [role=listitem], article, tbody tr').filter({ visible: true }).count();
    seen = `${items} list items`;
    return items === action.count;
  });
  if (!ok) throw new StepFailure(`Expected ${action.count} ${action.noun}; the page shows no "${action.count} ${action.noun}" text and ${seen || 'no list'}${action.within ? ` in "${action.within.name}"` : ''}.`);
  return { matched: `${action.count} ${action.noun}` };
}

async function verifyPage(ctx: ActionContext, name: string): Promise<ActionResult> {
  const n = normalizeText(name);
  const slugs = [n.replace(/ /g, '-'), n.replace(/ /g, ''), n.replace(/ /g, '_')];
  let heading = '';
  const ok = await waitUntil(ctx, async () => {
    const url = decodeURI(ctx.page.url()).toLowerCase();
    heading = await headings(ctx.page);
    return slugs.some((slug) => url.includes(slug)) || textMatches(heading, { text: name, keyword: true });
  });
  if (!ok) throw new StepFailure(`The page does not look like the ${name} page: URL ${ctx.page.url()}, title and heading "${excerpt(heading.replace(/\n/g, ' / '), 120)}".`);
  return { matched: ctx.page.url() };
}

export async function performCheck(action: StepAction, ctx: ActionContext): Promise<ActionResult | undefined> {
  switch (action.kind) {
    case 'wait_text':
    case 'verify_text':
      return verifyText(ctx, action.query, true);
    case 'verify_no_text':
      return verifyText(ctx, action.query, false);
    case 'verify_element':
      return { matched: (await locate(ctx.page, action.target, 'visible', Date.now() + ctx.actionTimeoutMs, ctx.signal)).matched };
    case 'verify_state': {
      let last = { holds: false, matched: '' };
      const ok = await waitUntil(ctx, async () => (last = await stateOf(ctx, action)).holds);
      if (!ok) throw new StepFailure(`${last.matched || `"${action.target.name}"`} is ${action.negate ? '' : 'not '}${action.state}.`);
      return { matched: last.matched };
    }
    case 'verify_count':
      return verifyCount(ctx, action);
    case 'verify_status': {
      const doc = ctx.watch.lastDocument;
      if (doc?.status !== action.status) throw new StepFailure(`The page was served with HTTP ${doc?.status ?? 'unknown'}, not ${action.status}.`);
      return { matched: `HTTP ${doc.status} ${doc.url}` };
    }
    case 'verify_url':
    case 'verify_title':
      return verifyUrlOrTitle(ctx, action);
    case 'verify_page':
      return verifyPage(ctx, action.name);
    case 'verify_value': {
      const found = await locate(ctx.page, action.target, 'fill', Date.now() + ctx.actionTimeoutMs, ctx.signal);
      let actual = '';
      const ok = await waitUntil(ctx, async () => {
        actual = await found.locator.inputValue({ timeout: 1_000 });
        return actual === action.value || actual.trim().toLowerCase() === action.value.trim().toLowerCase();
      });
      if (!ok) throw new StepFailure(`${found.matched} has value "${actual}", not "${action.value}".`);
      return { matched: found.matched };
    }
    default:
      return undefined;
  }
}
