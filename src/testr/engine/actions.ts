/**
 * Performs one parsed step on the page. Throws StepFailure (or a Playwright error) when the step
 * fails; returns what it matched.
 */
import type { Page } from 'playwright-core';
import { BLOCKED_HEADER } from './egress-proxy.js';
import { locate } from './locate.js';
import { excerpt, headings, normalizeText, textMatches, visibleText } from './page-text.js';
import type { PageWatch } from './page-watch.js';
import type { StepAction, Target, TextQuery, TypedValue } from './step-types.js';
import { sleep, StepFailure } from './timing.js';
import { urlRefusal, type UrlSafetyOptions } from './url-safety.js';

export interface ActionContext {
  page: Page;
  watch: PageWatch;
  targetUrl: string;
  actionTimeoutMs: number;
  safety: UrlSafetyOptions;
  signal: AbortSignal;
  /** Values generated once per run for "type a valid email into ...". */
  generated: { email: string; password: string };
}

export interface ActionResult {
  matched?: string;
}

/** Waits for a navigation the last action may have started, then for the page to load. */
export async function settle(ctx: ActionContext): Promise<void> {
  const deadline = Date.now() + ctx.actionTimeoutMs;
  await sleep(150, ctx.signal);
  while (ctx.watch.navigating() && Date.now() < deadline && !ctx.signal.aborted) await sleep(50, ctx.signal);
  const remaining = Math.max(1, deadline - Date.now());
  await ctx.page.waitForLoadState('load', { timeout: remaining }).catch(() => undefined);
}

/** Polls `check` until it is true or the action timeout passes. */
async function waitUntil(ctx: ActionContext, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ctx.actionTimeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() >= deadline || ctx.signal.aborted) return false;
    await sleep(200, ctx.signal);
  }
}

export async function navigateTo(ctx: ActionContext, url: string): Promise<ActionResult> {
  const reason = await urlRefusal(url, ctx.safety);
  if (reason) throw new StepFailure(`Navigation to ${url} was refused: the URL ${reason}.`);
  const response = await ctx.page.goto(url, { waitUntil: 'load', timeout: ctx.actionTimeoutMs });
  if (response?.headers()[BLOCKED_HEADER] !== undefined) {
    const finalReason = await urlRefusal(response.url(), ctx.safety);
    throw new StepFailure(`Navigation to ${url} was redirected to ${response.url()}, which was blocked${finalReason ? `: the URL ${finalReason}` : ''}.`);
  }
  const status = response?.status();
  return { matched: status === undefined ? url : `${url} (HTTP ${status})` };
}

function valueText(ctx: ActionContext, value: TypedValue): string {
  if ('literal' in value) return value.literal;
  return value.generate === 'email' ? ctx.generated.email : ctx.generated.password;
}

async function verifyText(ctx: ActionContext, query: TextQuery, present: boolean): Promise<ActionResult> {
  let last = '';
  const ok = await waitUntil(ctx, async () => {
    last = await visibleText(ctx.page);
    return textMatches(last, query) === present;
  });
  const what = query.keyword ? `Text containing "${query.text}"` : `The text "${query.text}"`;
  if (!ok) {
    throw new StepFailure(
      present
        ? `${what} was not found on ${ctx.page.url()}. The page shows: "${excerpt(last)}"`
        : `${what} is still visible on ${ctx.page.url()}.`,
    );
  }
  return { matched: present ? `text "${query.text}"` : `no text "${query.text}"` };
}

/** Selects by visible label (exact, then case-insensitive, then partial) or by value. */
async function selectOption(ctx: ActionContext, action: { target: Target; option: string }): Promise<ActionResult> {
  const deadline = Date.now() + ctx.actionTimeoutMs;
  const found = await locate(ctx.page, action.target, 'select', deadline, ctx.signal);
  const options = await found.locator.evaluate((el) =>
    el instanceof HTMLSelectElement ? [...el.options].map((o) => ({ label: o.label.trim(), value: o.value })) : null,
  );
  if (!options) throw new StepFailure(`${found.matched} is not a drop-down list.`);
  const want = action.option.trim().toLowerCase();
  const pick =
    options.find((o) => o.label === action.option.trim()) ??
    options.find((o) => o.label.toLowerCase() === want || o.value.toLowerCase() === want) ??
    options.find((o) => o.label.toLowerCase().includes(want));
  if (!pick) {
    throw new StepFailure(`${found.matched} has no option "${action.option}"; it offers ${options.map((o) => `"${o.label}"`).join(', ')}.`);
  }
  await found.locator.selectOption({ value: pick.value }, { timeout: ctx.actionTimeoutMs });
  return { matched: `${found.matched}, option "${pick.label}"` };
}

export async function performAction(action: StepAction, ctx: ActionContext): Promise<ActionResult> {
  const { page } = ctx;
  const timeout = ctx.actionTimeoutMs;
  const deadline = (): number => Date.now() + timeout;
  switch (action.kind) {
    case 'navigate':
      return navigateTo(ctx, action.url === '' ? ctx.targetUrl : new URL(action.url, ctx.targetUrl).href);
    case 'back':
      await page.goBack({ waitUntil: 'load', timeout });
      return { matched: page.url() };
    case 'reload':
      await page.reload({ waitUntil: 'load', timeout });
      return { matched: page.url() };
    case 'click': {
      const found = await locate(page, action.target, 'click', deadline(), ctx.signal);
      await found.locator.click({ timeout });
      await settle(ctx);
      return { matched: found.matched };
    }
    case 'hover': {
      const found = await locate(page, action.target, 'click', deadline(), ctx.signal);
      await found.locator.hover({ timeout });
      return { matched: found.matched };
    }
    case 'type': {
      const found = await locate(page, action.target, 'fill', deadline(), ctx.signal);
      const value = valueText(ctx, action.value);
      const isSelect = await found.locator.evaluate((el) => el instanceof HTMLSelectElement);
      if (isSelect) return selectOption(ctx, { target: action.target, option: value });
      await found.locator.fill(value, { timeout });
      const shown = 'generate' in action.value && action.value.generate === 'email' ? ` (typed ${value})` : '';
      return { matched: `${found.matched}${shown}` };
    }
    case 'select':
      return selectOption(ctx, action);
    case 'check':
    case 'uncheck': {
      const found = await locate(page, action.target, 'check', deadline(), ctx.signal);
      const isToggle = await found.locator.evaluate(
        (el) => (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) || ['checkbox', 'radio', 'switch'].includes(el.getAttribute('role') ?? ''),
      );
      if (!isToggle) throw new StepFailure(`${found.matched} is not a checkbox.`);
      if (action.kind === 'check') await found.locator.check({ timeout });
      else await found.locator.uncheck({ timeout });
      return { matched: found.matched };
    }
    case 'press_key':
      await page.keyboard.press(action.key);
      await settle(ctx);
      return { matched: `key ${action.key}` };
    case 'scroll':
      await page.evaluate((direction) => {
        const h = window.innerHeight * 0.8;
        if (direction === 'top') window.scrollTo(0, 0);
        else if (direction === 'bottom') window.scrollTo(0, document.body.scrollHeight);
        else window.scrollBy(0, direction === 'up' ? -h : h);
      }, action.direction);
      return {};
    case 'wait_time':
      await sleep(action.ms, ctx.signal);
      return {};
    case 'wait_load':
      await settle(ctx);
      return { matched: page.url() };
    case 'wait_text':
    case 'verify_text':
      return verifyText(ctx, action.query, true);
    case 'verify_no_text':
      return verifyText(ctx, action.query, false);
    case 'verify_element': {
      const found = await locate(page, action.target, 'visible', deadline(), ctx.signal);
      return { matched: found.matched };
    }
    case 'verify_url': {
      const want = action.text.toLowerCase();
      if (!(await waitUntil(ctx, async () => decodeURI(page.url()).toLowerCase().includes(want)))) {
        throw new StepFailure(`The URL ${page.url()} does not contain "${action.text}".`);
      }
      return { matched: page.url() };
    }
    case 'verify_title': {
      const want = action.text.toLowerCase();
      let title = '';
      if (!(await waitUntil(ctx, async () => (title = await page.title()).toLowerCase().includes(want)))) {
        throw new StepFailure(`The page title "${title}" does not contain "${action.text}".`);
      }
      return { matched: `title "${title}"` };
    }
    case 'verify_page': {
      const name = normalizeText(action.name);
      const slugs = [name.replace(/ /g, '-'), name.replace(/ /g, ''), name.replace(/ /g, '_')];
      let heading = '';
      const ok = await waitUntil(ctx, async () => {
        const url = decodeURI(page.url()).toLowerCase();
        heading = await headings(page);
        return slugs.some((slug) => url.includes(slug)) || textMatches(heading, { text: action.name, keyword: true });
      });
      if (!ok) throw new StepFailure(`The page does not look like the ${action.name} page: URL ${page.url()}, title and heading "${excerpt(heading.replace(/\n/g, ' / '), 120)}".`);
      return { matched: page.url() };
    }
    case 'verify_value': {
      const found = await locate(page, action.target, 'fill', deadline(), ctx.signal);
      let actual = '';
      const ok = await waitUntil(ctx, async () => {
        actual = await found.locator.inputValue({ timeout: 1_000 });
        return actual === action.value || actual.trim().toLowerCase() === action.value.trim().toLowerCase();
      });
      if (!ok) throw new StepFailure(`${found.matched} has value "${actual}", not "${action.value}".`);
      return { matched: found.matched };
    }
  }
}
