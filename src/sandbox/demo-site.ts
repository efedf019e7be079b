/**
 * The demo store under /demo/ for browser tests. Form posts are recorded in the event log, which
 * GET /__sandbox/demo-events exposes. No latency or faults here: those are for the API only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoEventLog } from './demo-events.js';
import * as pages from './demo-pages.js';
import { delay, readBody, redirect, sendHtml } from './http-utils.js';

const SLOW_PAGE_MS = 3000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

async function formFields(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

export function createDemoHandler(events: DemoEventLog, closing: AbortSignal) {
  return async function handleDemo(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const route = `${method} ${path}`;

    if (path === '/demo' && url.pathname === '/demo') return redirect(res, '/demo/');
    switch (route) {
      case 'GET /demo':
        return sendHtml(res, 200, pages.homePage());
      case 'GET /demo/signup':
        return sendHtml(res, 200, pages.signupPage());
      case 'POST /demo/signup': {
        const form = await formFields(req);
        const email = (form.get('email') ?? '').trim();
        const password = form.get('password') ?? '';
        const plan = form.get('plan') ?? 'Free';
        if (!isValidEmail(email) || password.length < 6) {
          return sendHtml(res, 400, pages.signupPage({ email, plan, error: true }));
        }
        events.record({ type: 'signup', email, plan });
        return sendHtml(res, 200, pages.welcomePage(email));
      }
      case 'GET /demo/newsletter':
        return sendHtml(res, 200, pages.newsletterPage());
      case 'POST /demo/newsletter': {
        const email = ((await formFields(req)).get('email') ?? '').trim();
        if (!isValidEmail(email)) return sendHtml(res, 400, pages.newsletterPage({ email, error: true }));
        events.record({ type: 'subscription', email });
        return sendHtml(res, 200, pages.subscribedPage(email));
      }
      case 'GET /demo/products':
        return sendHtml(res, 200, pages.productsPage());
      case 'GET /demo/account':
        return sendHtml(res, 200, pages.accountPage());
      case 'POST /demo/account/delete':
        await readBody(req);
        events.record({ type: 'account_deleted', email: pages.DEMO_ACCOUNT_EMAIL });
        return sendHtml(res, 200, pages.accountDeletedPage());
      case 'GET /demo/logout':
        return sendHtml(res, 200, pages.loggedOutPage());
      case 'GET /demo/slow':
        await delay(SLOW_PAGE_MS, closing);
        return sendHtml(res, 200, pages.slowPage());
      case 'GET /demo/broken':
        return sendHtml(res, 500, pages.brokenPage());
    }

    const product = /^\/demo\/products\/([a-z0-9-]+)(\/cart)?$/.exec(path);
    const found = product ? pages.DEMO_PRODUCTS.find((p) => p.slug === product[1]) : undefined;
    if (found && product && !product[2] && method === 'GET') return sendHtml(res, 200, pages.productPage(found));
    if (found && product?.[2] && method === 'POST') {
      await readBody(req);
      events.record({ type: 'add_to_cart', product: found.slug });
      return sendHtml(res, 200, pages.addedToCartPage(found));
    }
    return sendHtml(res, 404, pages.notFoundPage());
  };
}
