/**
 * HTML of the demo store. Browser tests select elements by these exact texts and labels, so change
 * them only together with those tests. Every field has a <label>, every action is a real button
 * or link, and nothing needs JavaScript. Forms use `novalidate` so the server-side error page is
 * reachable from a browser too.
 */
import { escapeHtml } from './http-utils.js';

export interface DemoProduct {
  slug: string;
  name: string;
  price: string;
  description: string;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { slug: 'trail-running-shoes', name: 'Trail Running Shoes', price: '$89.00', description: 'Grippy, light and waterproof shoes for muddy trails.' },
  { slug: 'insulated-water-bottle', name: 'Insulated Water Bottle', price: '$24.00', description: 'Keeps drinks cold for 24 hours and hot for 12.' },
  { slug: 'merino-wool-beanie', name: 'Merino Wool Beanie', price: '$19.00', description: 'A soft, warm beanie that does not itch.' },
  { slug: 'waterproof-daypack', name: 'Waterproof Daypack', price: '$64.00', description: 'A 20-litre pack with a roll-top closure.' },
];

export const SIGNUP_ERROR = 'Please enter a valid email address and a password of at least 6 characters.';
export const NEWSLETTER_ERROR = 'Please enter a valid email address.';
export const DEMO_ACCOUNT_EMAIL = 'demo.user@example.com';
const PLANS = ['Free', 'Pro', 'Team'];

/** Refills a field after a failed submit; absent on a fresh form so the markup stays as specified. */
function valueAttr(value: string | undefined): string {
  return value ? ` value="${escapeHtml(value)}"` : '';
}

function layout(title: string, main: string, options: { footer?: boolean } = {}): string {
  const footer = options.footer === false
    ? ''
    : `<footer>
  <p>Stay in the loop</p>
  <p><a href="/demo/newsletter">Subscribe to our newsletter</a></p>
</footer>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; }
header, main, footer { padding: 1rem 2rem; }
header { background: #0b3d91; }
header nav a { color: #fff; margin-right: 1.25rem; text-decoration: none; font-weight: 600; }
footer { border-top: 1px solid #d9e2ec; margin-top: 2rem; }
label { display: block; margin-top: 0.75rem; font-weight: 600; }
input[type=email], input[type=password], select { padding: 0.4rem; min-width: 16rem; }
.checkbox label { display: inline; font-weight: normal; }
button, a[role=button] { display: inline-block; margin-top: 1rem; padding: 0.6rem 1.2rem; background: #0b3d91; color: #fff; border: 0; border-radius: 4px; font-size: 1rem; text-decoration: none; cursor: pointer; }
.danger { background: #b42318; }
.error { color: #b42318; font-weight: 600; }
</style>
</head>
<body>
<header>
<nav aria-label="Main">
  <a href="/demo/">Home</a>
  <a href="/demo/products">Products</a>
  <a href="/demo/newsletter">Newsletter</a>
  <a href="/demo/account">Account</a>
</nav>
</header>
<main>
${main}
</main>
${footer}
</body>
</html>
`;
}

export function homePage(): string {
  return layout(
    'Acme Demo Store',
    `<h1>Welcome to Acme</h1>
<p>Outdoor gear for every season. Create an account to track orders and get member prices.</p>
<p><a href="/demo/signup" role="button">Sign Up</a></p>`,
  );
}

export function signupPage(values: { email?: string; plan?: string; error?: boolean } = {}): string {
  const options = PLANS.map((plan) => `<option${values.plan === plan ? ' selected' : ''}>${plan}</option>`).join('');
  const error = values.error ? `<p class="error" role="alert">${escapeHtml(SIGNUP_ERROR)}</p>\n` : '';
  return layout(
    'Sign Up - Acme',
    `<h1>Create your account</h1>
${error}<form method="post" action="/demo/signup" novalidate>
  <label for="email">Email</label>
  <input id="email" name="email" type="email" placeholder="you@example.com"${valueAttr(values.email)}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password">
  <label for="plan">Plan</label>
  <select id="plan" name="plan">${options}</select>
  <p class="checkbox"><input type="checkbox" id="terms" name="terms"><label for="terms">I agree to the terms</label></p>
  <button type="submit">Create Account</button>
</form>`,
  );
}

export function welcomePage(email: string): string {
  return layout(
    'Welcome - Acme',
    `<h1>Welcome aboard!</h1>
<p>Welcome, ${escapeHtml(email)}! Your account has been created.</p>
<p><a href="/demo/products">Start shopping</a></p>`,
  );
}

export function newsletterPage(values: { email?: string; error?: boolean } = {}): string {
  const error = values.error ? `<p class="error" role="alert">${escapeHtml(NEWSLETTER_ERROR)}</p>\n` : '';
  return layout(
    'Newsletter - Acme',
    `<h1>Newsletter</h1>
<p>News about new gear and member offers, once a month.</p>
${error}<form method="post" action="/demo/newsletter" novalidate>
  <label for="newsletter-email">Email address</label>
  <input id="newsletter-email" name="email" type="email" placeholder="you@example.com"${valueAttr(values.email)}>
  <button type="submit">Subscribe</button>
</form>`,
  );
}

export function subscribedPage(email: string): string {
  return layout('Subscribed - Acme', `<h1>Subscribed</h1>\n<p>Thanks for subscribing, ${escapeHtml(email)}!</p>`);
}

export function productsPage(): string {
  const items = DEMO_PRODUCTS.map((p) => `  <li><a href="/demo/products/${p.slug}">${escapeHtml(p.name)}</a> – ${p.price}</li>`).join('\n');
  return layout('Products - Acme', `<h1>Products</h1>\n<ul>\n${items}\n</ul>`);
}

export function productPage(product: DemoProduct): string {
  return layout(
    `${product.name} - Acme`,
    `<h1>${escapeHtml(product.name)}</h1>
<p>${escapeHtml(product.description)}</p>
<p>Price: ${product.price}</p>
<form method="post" action="/demo/products/${product.slug}/cart">
  <button type="submit">Add to cart</button>
</form>`,
  );
}

export function addedToCartPage(product: DemoProduct): string {
  return layout(
    'Cart - Acme',
    `<h1>Added to cart</h1>\n<p>${escapeHtml(product.name)} was added to your cart.</p>\n<p><a href="/demo/products">Continue shopping</a></p>`,
  );
}

export function accountPage(): string {
  return layout(
    'Your account - Acme',
    `<h1>Your account</h1>
<p>Signed in as ${DEMO_ACCOUNT_EMAIL}.</p>
<p><a href="/demo/logout">Log out</a></p>
<form method="post" action="/demo/account/delete">
  <p>Deleting your account removes your order history. This cannot be undone.</p>
  <button type="submit" class="danger">Delete account</button>
</form>`,
  );
}

export function accountDeletedPage(): string {
  return layout('Account deleted - Acme', '<h1>Account deleted</h1>\n<p>Your account and order history were deleted.</p>');
}

export function loggedOutPage(): string {
  return layout('Logged out - Acme', '<h1>You have been logged out</h1>\n<p><a href="/demo/">Back to the store</a></p>');
}

export function slowPage(): string {
  return layout('Slow page - Acme', '<h1>Finally loaded</h1>\n<p>This page took 3 seconds.</p>');
}

export function brokenPage(): string {
  return layout('Error - Acme', '<h1>Something went wrong</h1>\n<p>The server had an internal error.</p>', { footer: false });
}

export function notFoundPage(): string {
  return layout('Not found - Acme', '<h1>Page not found</h1>\n<p><a href="/demo/">Back to the store</a></p>');
}
