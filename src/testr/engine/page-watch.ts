/**
 * Watches a run's context: blocks requests to refused addresses, collects console errors and
 * failed network responses, and knows whether a main-frame navigation is still in flight.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { BLOCKED_HEADER } from './egress-proxy.js';
import { RequestGuard, type UrlSafetyOptions } from './url-safety.js';

const MAX_ENTRIES = 50;
const MAX_TEXT = 300;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT - 3)}...` : oneLine;
}

export class PageWatch {
  readonly consoleErrors: string[] = [];
  readonly networkFailures: string[] = [];
  private readonly blocked = new Set<Request>();
  private readonly pendingNavigations = new Set<Request>();
  /** The main-frame document last received, and how many have been, so a step can tell it navigated. */
  lastDocument?: { url: string; status: number };
  documentCount = 0;
  private readonly guard: RequestGuard;

  constructor(options: UrlSafetyOptions) {
    this.guard = new RequestGuard(options);
  }

  /** Installs the request guard on the whole context (pages, popups, frames). */
  async attachContext(context: BrowserContext): Promise<void> {
    await context.route('**/*', async (route) => {
      const request = route.request();
      const reason = await this.guard.refusal(request.url());
      if (reason) {
        this.blocked.add(request);
        this.push(this.networkFailures, `blocked ${request.method()} ${request.url()}: ${reason}`);
        await route.abort('blockedbyclient').catch(() => undefined);
        return;
      }
      await route.continue().catch(() => undefined);
    });
  }

  attachPage(page: Page): void {
    page.on('console', (message) => {
      if (message.type() === 'error') this.push(this.consoleErrors, message.text());
    });
    page.on('pageerror', (error) => this.push(this.consoleErrors, `Uncaught ${error.name}: ${error.message}`));
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) this.pendingNavigations.add(request);
    });
    page.on('requestfinished', (request) => this.pendingNavigations.delete(request));
    page.on('requestfailed', (request) => {
      this.pendingNavigations.delete(request);
      if (this.blocked.has(request)) return;
      const failure = request.failure()?.errorText ?? 'failed';
      // Aborted navigations replaced by another one are not failures of the site.
      if (failure === 'net::ERR_ABORTED') return;
      this.push(this.networkFailures, `${failure} ${request.method()} ${request.url()}`);
    });
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && !(response.status() >= 300 && response.status() < 400)) {
        this.lastDocument = { url: response.url(), status: response.status() };
        this.documentCount++;
      }
      if (response.status() >= 400 && response.headers()[BLOCKED_HEADER] === undefined) {
        this.push(this.networkFailures, `${response.status()} ${response.request().method()} ${response.url()}`);
      }
    });
  }

  /** A request the egress proxy refused (redirect hops and anything interception missed). */
  recordBlocked(what: string, reason: string): void {
    this.push(this.networkFailures, `blocked ${what}: ${reason}`);
  }

  /** True while the page's main frame is loading a new document. */
  navigating(): boolean {
    return this.pendingNavigations.size > 0;
  }

  private push(list: string[], text: string): void {
    if (list.length < MAX_ENTRIES) list.push(clip(text));
  }
}
