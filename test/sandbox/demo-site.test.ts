/** The demo store: exact texts and labels browser tests rely on, form flows and the event log. */
import { startSandbox, type DemoEvent, type SandboxHandle } from '../../src/sandbox/index.js';
import { form, rootFetch } from './helpers.js';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await rootFetch(sandbox, '/__sandbox/demo-events', { method: 'DELETE' });
});

async function page(path: string, init?: RequestInit): Promise<{ status: number; html: string }> {
  const response = await rootFetch(sandbox, path, init);
  expect(response.headers.get('content-type') ?? '').toContain(response.status === 303 ? '' : 'text/html');
  return { status: response.status, html: await response.text() };
}

async function events(): Promise<DemoEvent[]> {
  const response = await rootFetch(sandbox, '/__sandbox/demo-events');
  return ((await response.json()) as { events: DemoEvent[] }).events;
}

describe('pages', () => {
  it('home page: title, heading, nav, Sign Up button and newsletter footer link', async () => {
    const { status, html } = await page('/demo/');
    expect(status).toBe(200);
    expect(html).toContain('<title>Acme Demo Store</title>');
    expect(html).toContain('<h1>Welcome to Acme</h1>');
    for (const [href, text] of [['/demo/', 'Home'], ['/demo/products', 'Products'], ['/demo/newsletter', 'Newsletter'], ['/demo/account', 'Account']]) {
      expect(html).toContain(`<a href="${href}">${text}</a>`);
    }
    expect(html).toContain('<a href="/demo/signup" role="button">Sign Up</a>');
    expect(html).toMatch(/<footer>[\s\S]*Stay in the loop[\s\S]*<a href="\/demo\/newsletter">Subscribe to our newsletter<\/a>[\s\S]*<\/footer>/);
  });

  it('redirects /demo to /demo/', async () => {
    const response = await rootFetch(sandbox, '/demo');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/demo/');
  });

  it('sign-up page: labelled fields and the Create Account button', async () => {
    const { html } = await page('/demo/signup');
    expect(html).toContain('<title>Sign Up - Acme</title>');
    expect(html).toContain('<h1>Create your account</h1>');
    expect(html).toMatch(/<form method="post" action="\/demo\/signup"/);
    expect(html).toContain('<label for="email">Email</label>');
    expect(html).toContain('<input id="email" name="email" type="email" placeholder="you@example.com">');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('<input id="password" name="password" type="password">');
    expect(html).toContain('<label for="plan">Plan</label>');
    expect(html).toContain('<select id="plan" name="plan"><option>Free</option><option>Pro</option><option>Team</option></select>');
    expect(html).toContain('<input type="checkbox" id="terms" name="terms"><label for="terms">I agree to the terms</label>');
    expect(html).toContain('<button type="submit">Create Account</button>');
  });

  it('newsletter page: labelled email field and Subscribe button', async () => {
    const { html } = await page('/demo/newsletter');
    expect(html).toContain('<title>Newsletter - Acme</title>');
    expect(html).toContain('<h1>Newsletter</h1>');
    expect(html).toContain('<label for="newsletter-email">Email address</label>');
    expect(html).toContain('<input id="newsletter-email" name="email" type="email" placeholder="you@example.com">');
    expect(html).toContain('<button type="submit">Subscribe</button>');
  });

  it('products, product pages with Add to cart, and the account page with destructive actions', async () => {
    const list = await page('/demo/products');
    const slugs = [...list.html.matchAll(/href="\/demo\/products\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(slugs.length).toBeGreaterThanOrEqual(3);
    const product = await page(`/demo/products/${slugs[0]}`);
    expect(product.html).toContain('<button type="submit">Add to cart</button>');
    const added = await page(`/demo/products/${slugs[0]}/cart`, form({}));
    expect(added.html).toContain('<h1>Added to cart</h1>');
    const account = await page('/demo/account');
    expect(account.html).toContain('Delete account</button>');
    expect(account.html).toContain('<a href="/demo/logout">Log out</a>');
    expect((await events()).map((e) => e.type)).toEqual(['add_to_cart']);
  });

  it('slow page answers after 3 s, broken page with 500, unknown pages with 404', async () => {
    const started = performance.now();
    const slow = await page('/demo/slow');
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_900);
    expect((await page('/demo/broken')).status).toBe(500);
    expect((await page('/demo/nowhere')).status).toBe(404);
  });
});

describe('flows', () => {
  it('records a sign-up and welcomes the user, HTML-escaped', async () => {
    const email = 'ada+<b>@example.com';
    const { status, html } = await page('/demo/signup', form({ email, password: 'secret1', plan: 'Pro', terms: 'on' }));
    expect(status).toBe(200);
    expect(html).toContain('<title>Welcome - Acme</title>');
    expect(html).toContain('<h1>Welcome aboard!</h1>');
    expect(html).toContain('Welcome, ada+&lt;b&gt;@example.com! Your account has been created.');
    expect(await events()).toEqual([{ type: 'signup', email, plan: 'Pro', at: expect.any(String) }]);
  });

  it('answers 400 with the message and the form again for a bad email or a short password', async () => {
    const attempts: Array<Record<string, string>> = [{ email: 'not-an-email', password: 'secret1' }, { email: 'a@b.co', password: '12345' }, {}];
    for (const fields of attempts) {
      const { status, html } = await page('/demo/signup', form(fields));
      expect(status).toBe(400);
      expect(html).toContain('Please enter a valid email address and a password of at least 6 characters.');
      expect(html).toContain('<button type="submit">Create Account</button>');
      if (fields.email) expect(html).toContain(`value="${fields.email}"`);
    }
    expect(await events()).toEqual([]);
  });

  it('records a newsletter subscription', async () => {
    const { html } = await page('/demo/newsletter', form({ email: 'reader@example.com' }));
    expect(html).toContain('<h1>Subscribed</h1>');
    expect(html).toContain('Thanks for subscribing, reader@example.com!');
    expect((await page('/demo/newsletter', form({ email: 'nope' }))).status).toBe(400);
    const recorded = await events();
    expect(recorded).toEqual([{ type: 'subscription', email: 'reader@example.com', at: expect.any(String) }]);
    expect(Number.isNaN(Date.parse(recorded[0]!.at))).toBe(false);
  });

  it('records account deletion and clears the log on DELETE', async () => {
    await page('/demo/account/delete', form({}));
    expect((await events()).map((e) => e.type)).toEqual(['account_deleted']);
    const cleared = await rootFetch(sandbox, '/__sandbox/demo-events', { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ events: [] });
    expect(await events()).toEqual([]);
  });
});
