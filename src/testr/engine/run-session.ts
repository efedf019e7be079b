/**
 * Everything one run holds in the browser: an isolated context (no downloads, no service workers),
 * the request guard and watchers, the recorder, and the run's own abort signal, which fires on
 * cancellation or when the run exceeds its time limit. Aborting closes the context, which also
 * interrupts whatever Playwright call is in flight.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import type { EngineRunRequest } from './contract.js';
import type { ActionContext } from './actions.js';
import { getBrowser } from './browser.js';
import { EgressProxy } from './egress-proxy.js';
import { PageWatch } from './page-watch.js';
import { Recorder } from './recorder.js';
import type { GeneratedKind } from './step-types.js';

export const DEFAULT_ACTION_TIMEOUT_MS = 10_000;
export const DEFAULT_RUN_TIMEOUT_MS = 5 * 60_000;

export type AbortReason = 'cancelled' | 'timeout';

export interface RunSession {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
  recorder: Recorder;
  actions: ActionContext;
  /** Why the run was stopped, once it was. */
  abortReason(): AbortReason | undefined;
  runTimeoutMs: number;
  /** Switches to a tab the last action opened (target=_blank, window.open), if any. */
  followNewTab(): Promise<void>;
  close(): Promise<void>;
}

/** Values for "type a valid email into ..." steps: unique per run, obviously synthetic. */
export function generatedValues(runId: string): Record<GeneratedKind, string> {
  const tag = `${runId.slice(0, 8)}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const digits = String(randomBytes(4).readUInt32BE() % 10_000_000).padStart(7, '0');
  return {
    email: `testr-${tag}@example.com`,
    password: `Tr-${randomBytes(6).toString('base64url')}-9x!`,
    name: `Testr User ${tag.slice(-4)}`,
    phone: `+1 555 ${digits.slice(0, 3)} ${digits.slice(3)}`,
    number: String(100 + (randomBytes(1)[0] ?? 0)),
    text: `Testr text ${tag}`,
  };
}

export async function openSession(request: EngineRunRequest): Promise<RunSession> {
  const { options } = request;
  const actionTimeoutMs = options.actionTimeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS;
  const runTimeoutMs = options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
  const safety = { blockPrivateNetworks: options.blockPrivateNetworks };
  const browser = await getBrowser(options.chromiumPath);
  const watch = new PageWatch(safety);
  const proxy = await EgressProxy.start(safety, (what, why) => watch.recordBlocked(what, why));
  const context = await browser
    .newContext({
    // '<-loopback>' sends localhost through the proxy too (Chromium bypasses it by default).
    proxy: { server: proxy.url, bypass: '<-loopback>' },
    acceptDownloads: false,
    serviceWorkers: 'block',
    viewport: { width: 1280, height: 720 },
    // Renders at 800 px wide: screenshots come out at recording size, so no costly
    // decode-and-downscale of full-size PNGs per frame. Layout still sees a 1280 px viewport.
    deviceScaleFactor: 0.625,
    })
    .catch(async (error: unknown) => {
      await proxy.close();
      throw error;
    });
  const controller = new AbortController();
  let reason: AbortReason | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onCancel);
    await context.close().catch(() => undefined);
    await proxy.close().catch(() => undefined);
  };
  const stop = (why: AbortReason): void => {
    if (reason) return;
    reason = why;
    controller.abort();
    // Closing the context interrupts any in-flight action at once.
    void context.close().catch(() => undefined);
  };
  // Playwright calls on a context closed mid-setup never settle: setup steps race the stop.
  const stopped = new Promise<never>((_, reject) => {
    const fail = () => reject(new Error(reason === 'timeout' ? 'The run timed out before its browser was ready.' : 'The run was cancelled before it started.'));
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener('abort', fail, { once: true });
  });
  stopped.catch(() => undefined);
  const untilStopped = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => undefined);
    return Promise.race([work, stopped]);
  };
  const onCancel = (): void => stop('cancelled');
  const timer = setTimeout(() => stop('timeout'), runTimeoutMs);
  request.signal.addEventListener('abort', onCancel, { once: true });
  if (request.signal.aborted) stop('cancelled');

  try {
    await untilStopped(watch.attachContext(context));
    const opened: Page[] = [];
    const prepare = (p: Page): void => {
      watch.attachPage(p);
      p.setDefaultTimeout(actionTimeoutMs);
      p.setDefaultNavigationTimeout(actionTimeoutMs);
    };
    const page = await untilStopped(context.newPage());
    prepare(page);
    context.on('page', (p) => {
      if (p === page) return;
      prepare(p);
      opened.push(p);
    });
    const session: RunSession = {
      context,
      page,
      watch,
      recorder: new Recorder({}, request.onFrame),
      actions: {
        page,
        watch,
        targetUrl: request.targetUrl,
        actionTimeoutMs,
        safety,
        signal: controller.signal,
        generated: generatedValues(request.runId),
        secrets: new Set(),
      },
      abortReason: () => reason,
      runTimeoutMs,
      followNewTab: async () => {
        const latest = opened.pop();
        opened.length = 0;
        if (!latest || latest.isClosed()) return;
        await latest.waitForLoadState('load', { timeout: actionTimeoutMs }).catch(() => undefined);
        session.page = latest;
        session.actions.page = latest;
      },
      close,
    };
    return session;
  } catch (error) {
    await close();
    throw error;
  }
}
