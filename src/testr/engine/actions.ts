/**
 * Performs one parsed step on the page. Throws StepFailure (or a Playwright error) when the step
 * fails; returns what it matched. A navigation, click or key press that lands on an HTTP error
 * (>= 400) or a browser error page fails, unless the step (or the one after it) expects that status.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { performCheck } from './checks.js';
import { BLOCKED_HEADER } from './egress-proxy.js';
import { locate, type Located } from './locate.js';
import type { PageWatch } from './page-watch.js';
import type { GeneratedKind, StepAction, Target, TypedValue } from './step-types.js';
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
  generated: Record<GeneratedKind, string>;
  /** Values typed into type=password fields so far: masked in every result and caption. */
  secrets: Set<string>;
  /** An HTTP error status the step after this one checks for, so landing on it is expected. */
  expectedStatus?: number;
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

/** Fails when the page the step ended on is an HTTP error or a browser error page it did not expect. */
function checkLanding(ctx: ActionContext, what: string, documentsBefore: number, expected?: number): void {
  const url = ctx.page.url();
  if (url.startsWith('chrome-error://')) throw new StepFailure(`${what} ended on a browser error page (the page could not be loaded).`);
  const doc = ctx.watch.lastDocument;
  if (ctx.watch.documentCount === documentsBefore || !doc) return;
  const allowed = expected ?? ctx.expectedStatus;
  if (allowed !== undefined) {
    if (doc.status !== allowed) throw new StepFailure(`${what} was expected to answer HTTP ${allowed}, but ${doc.url} answered HTTP ${doc.status}.`);
    return;
  }
  if (doc.status >= 400) throw new StepFailure(`${what} ended on ${doc.url}, which answered HTTP ${doc.status}.`);
}

export async function navigateTo(ctx: ActionContext, url: string, expectStatus?: number): Promise<ActionResult> {
  const reason = await urlRefusal(url, ctx.safety);
  if (reason) throw new StepFailure(`Navigation to ${url} was refused: the URL ${reason}.`);
  const before = ctx.watch.documentCount;
  const response = await ctx.page.goto(url, { waitUntil: 'load', timeout: ctx.actionTimeoutMs });
  if (response?.headers()[BLOCKED_HEADER] !== undefined) {
    const finalReason = await urlRefusal(response.url(), ctx.safety);
    throw new StepFailure(`Navigation to ${url} was redirected to ${response.url()}, which was blocked${finalReason ? `: the URL ${finalReason}` : ''}.`);
  }
  checkLanding(ctx, `Navigation to ${url}`, before, expectStatus);
  const status = response?.status();
  return { matched: status === undefined ? url : `${url} (HTTP ${status})` };
}

function valueText(ctx: ActionContext, value: TypedValue): string {
  return 'literal' in value ? value.literal : ctx.generated[value.generate];
}

/** Selects by visible label (exact, then case-insensitive, then partial) or by value. */
async function selectOption(ctx: ActionContext, action: { target: Target; option: string }): Promise<ActionResult> {
  const found = await locate(ctx.page, action.target, 'select', Date.now() + ctx.actionTimeoutMs, ctx.signal);
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

/** Clicks, failing with a clear message when the element stays disabled. */
async function click(ctx: ActionContext, found: Located): Promise<void> {
  const disabled = await found.locator.evaluate((el) => (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true').catch(() => false);
  if (disabled) {
    const enabled = await found.locator
      .evaluate((el) => new Promise<boolean>((resolve) => {
        const started = Date.now();
        const poll = (): void => {
          if (!((el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true')) resolve(true);
          else if (Date.now() - started > 2_000) resolve(false);
          else setTimeout(poll, 100);
        };
        poll();
      }))
      .catch(() => false);
    if (!enabled) throw new StepFailure(`${found.matched} is disabled, so it cannot be clicked.`);
  }
  // A link into another tab opens its page after the click returns, later still on a busy machine:
  // wait for it here, so the step after the click runs in the new tab and not in the old one.
  const opensTab = await found.locator
    .evaluate((el) => {
      const target = el.closest('a[href], area[href]')?.getAttribute('target')?.toLowerCase();
      return target !== undefined && target !== '' && !['_self', '_parent', '_top'].includes(target);
    })
    .catch(() => false);
  const tab = opensTab ? ctx.page.context().waitForEvent('page', { timeout: ctx.actionTimeoutMs }).catch(() => undefined) : undefined;
  await found.locator.click({ timeout: ctx.actionTimeoutMs });
  await tab;
}

async function closeDialog(ctx: ActionContext): Promise<ActionResult> {
  const dialogs = ctx.page.locator('dialog[open], [role=dialog], [role=alertdialog], [aria-modal=true]').filter({ visible: true });
  if ((await dialogs.count()) === 0) throw new StepFailure(`No open dialog was found on ${ctx.page.url()}.`);
  const dialog = dialogs.first();
  const close = dialog.getByRole('button', { name: /^(?:close|dismiss|×|x|cancel|no thanks|got it|ok|accept|accept all)$/i }).filter({ visible: true });
  if ((await close.count()) > 0) await close.first().click({ timeout: ctx.actionTimeoutMs });
  else await ctx.page.keyboard.press('Escape');
  await sleep(200, ctx.signal);
  if (await dialog.isVisible().catch(() => false)) throw new StepFailure('The dialog is still open after trying its close button and Escape.');
  return { matched: 'dialog closed' };
}

const FILE_BODIES: Record<string, string> = { txt: 'Testr test file\n', csv: 'name,value\ntestr,1\n', json: '{"testr":true}\n', html: '<p>Testr</p>\n' };
// A 1×1 PNG, so image uploads get a real image.
const PNG_1PX = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b3c1d20000000049454e44ae426082', 'hex');

/** The test's data file: made in the run's own temporary folder, named as the step says. */
function testFile(name: string): string {
  const dir = path.join(tmpdir(), `testr-upload-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, path.basename(name));
  const ext = path.extname(name).slice(1).toLowerCase();
  writeFileSync(file, ext === 'png' ? PNG_1PX : (FILE_BODIES[ext] ?? 'Testr test file\n'));
  return file;
}

export async function performAction(action: StepAction, ctx: ActionContext): Promise<ActionResult> {
  const { page } = ctx;
  const timeout = ctx.actionTimeoutMs;
  const deadline = (): number => Date.now() + timeout;
  switch (action.kind) {
    case 'navigate':
      return navigateTo(ctx, action.url === '' ? ctx.targetUrl : new URL(action.url, ctx.targetUrl).href, action.expectStatus);
    case 'back':
    case 'forward':
    case 'reload': {
      const before = ctx.watch.documentCount;
      if (action.kind === 'back') await page.goBack({ waitUntil: 'load', timeout });
      else if (action.kind === 'forward') await page.goForward({ waitUntil: 'load', timeout });
      else await page.reload({ waitUntil: 'load', timeout });
      checkLanding(ctx, action.kind === 'reload' ? 'Reloading' : `Going ${action.kind}`, before);
      return { matched: page.url() };
    }
    case 'click': {
      const found = await locate(page, action.target, 'click', deadline(), ctx.signal);
      const before = ctx.watch.documentCount;
      await click(ctx, found);
      await settle(ctx);
      checkLanding(ctx, `Clicking ${found.matched}`, before);
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
      const isPassword = await found.locator.evaluate((el) => el instanceof HTMLInputElement && el.type === 'password').catch(() => true);
      if (isPassword && value !== '') ctx.secrets.add(value);
      await found.locator.fill(value, { timeout });
      const shown = 'generate' in action.value && !isPassword ? ` (typed ${value})` : '';
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
    case 'press_key': {
      const before = ctx.watch.documentCount;
      await page.keyboard.press(action.key);
      await settle(ctx);
      checkLanding(ctx, `Pressing ${action.key}`, before);
      return { matched: `key ${action.key}` };
    }
    case 'scroll':
      await page.evaluate((direction) => {
        const h = window.innerHeight * 0.8;
        if (direction === 'top') window.scrollTo(0, 0);
        else if (direction === 'bottom') window.scrollTo(0, document.body.scrollHeight);
        else window.scrollBy(0, direction === 'up' ? -h : h);
      }, action.direction);
      return {};
    case 'scroll_to': {
      const found = await locate(page, action.target, 'visible', deadline(), ctx.signal);
      await found.locator.scrollIntoViewIfNeeded({ timeout });
      return { matched: found.matched };
    }
    case 'close_dialog':
      return closeDialog(ctx);
    case 'upload': {
      const found = await locate(page, action.target, 'upload', deadline(), ctx.signal);
      await found.locator.setInputFiles(testFile(action.file), { timeout });
      return { matched: `${found.matched} (file ${action.file})` };
    }
    case 'wait_time':
      await sleep(action.ms, ctx.signal);
      return {};
    case 'wait_load':
      await settle(ctx);
      return { matched: page.url() };
    default: {
      const checked = await performCheck(action, ctx);
      if (!checked) throw new StepFailure(`The runner cannot perform a ${action.kind} step.`);
      return checked;
    }
  }
}
