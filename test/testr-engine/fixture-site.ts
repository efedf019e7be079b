/**
 * A tiny site on node:http for engine tests that must not depend on the sandbox: a home page with
 * a Sign Up button, a signup form, a newsletter form, an account page with destructive controls,
 * a slow page, a broken page, and an events log.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureSite {
  url: string;
  events: Array<{ type: string; email?: string }>;
  hits: string[];
  close(): Promise<void>;
}

const layout = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
  <style>body{font-family:sans-serif;margin:2em} .hidden{display:none}</style></head><body>${body}</body></html>`;

const HOME = layout(
  'Fixture Store',
  `<nav><a href="/">Home</a> <a href="/newsletter">Newsletter</a> <a href="/account">Account</a></nav>
  <h1>Welcome to Fixture</h1>
  <a href="/signup" role="button">Sign Up</a>
  <a href="/newsletter" target="_blank">Newsletter in a new tab</a>
  <button class="hidden">Hidden Thing</button>
  <script>console.error('fixture console error')</script>
  <img src="http://169.254.169.254/latest/meta-data/pixel.png" alt="probe">
  <footer><a href="/newsletter">Subscribe to our newsletter</a></footer>`,
);

const SIGNUP = layout(
  'Sign up',
  `<h1>Create your account</h1>
  <form method="post" action="/signup">
    <label for="email">Email</label> <input id="email" name="email" type="email" placeholder="you@example.com"><br>
    <label for="password">Password</label> <input id="password" name="password" type="password"><br>
    <label for="plan">Plan</label> <select id="plan" name="plan"><option>Free</option><option>Pro</option><option>Team</option></select><br>
    <label><input type="checkbox" name="terms"> I agree to the terms</label><br>
    <button type="submit">Create Account</button>
  </form>`,
);

const NEWSLETTER = layout(
  'Newsletter',
  `<h1>Newsletter</h1><form method="post" action="/newsletter">
  <label for="nl">Email address</label> <input id="nl" name="email" type="email">
  <button type="submit">Subscribe</button></form>`,
);

const ACCOUNT = layout(
  'Account',
  `<h1>Your account</h1><form method="post" action="/account/delete"><button>Delete account</button></form>
  <a href="/logout">Log out</a>`,
);

/** For the should-fail suite: a disabled button, an unchecked box, text that appears on click, a broken link, rows. */
const CONTROLS = layout(
  'Controls',
  `<h1>Controls</h1>
  <button disabled>Pay</button>
  <label><input type="checkbox" name="subscribe"> Subscribe</label>
  <button onclick="document.getElementById('msg').textContent='Saved!'">Show message</button>
  <p id="msg"></p><p>Call 555-123-4567</p>
  <a href="/missing">Broken link</a> <a href="/">Home link</a>
  <ul><li>Pay rent <button>Delete</button> <input type="checkbox" aria-label="done"></li><li>Buy milk <button onclick="this.parentNode.remove()">Delete</button></li></ul>`,
);

/** For the safety tests: WebRTC toward a STUN server (port from ?port=), a JS thread that locks, a password form. */
const WEBRTC = layout(
  'WebRTC',
  `<h1>WebRTC</h1><p id="state">gathering</p><script>
  const port = new URLSearchParams(location.search).get('port');
  const done = () => { document.getElementById('state').textContent = 'ICE finished'; };
  const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:' + port }] });
  pc.createDataChannel('probe');
  pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') done(); };
  pc.createOffer().then((offer) => pc.setLocalDescription(offer)).catch(done);
  setTimeout(done, 3000);
  </script>`,
);

const BUSY = layout('Busy', `<h1>Busy</h1><button onclick="while (true) {}">Freeze</button> <button onclick="setTimeout(() => { while (true) {} }, 300)">Freeze soon</button> <button onclick="document.title='x'">Fine</button>`);

const LOGIN = layout(
  'Connexion',
  `<h1>Connexion</h1><form onsubmit="event.preventDefault(); document.getElementById('out').textContent = 'Bonjour';">
  <label for="user">Benutzername</label> <input id="user" name="user">
  <label for="pw">Kennwort</label> <input id="pw" name="pw" type="password">
  <label for="mdp">Mot de passe</label> <input id="mdp" name="mdp" type="password">
  <button type="submit">Envoyer</button></form><p id="out"></p>`,
);

/** For the explorer: a signup form in the way of a newsletter goal, fields outside forms, aria-labelledby. */
const START = layout(
  'Join',
  `<h1>Join us</h1><form method="post" action="/signup">
  <label for="e">Email</label> <input id="e" name="email" type="email">
  <label for="p">Password</label> <input id="p" name="password" type="password">
  <button type="submit">Create account</button></form>
  <footer><a href="/newsletter">Stay in touch</a></footer>`,
);

const TODO = layout(
  'Todos',
  `<h1>todos</h1><input class="new-todo" placeholder="What needs to be done?"><ul id="list"></ul>
  <script>document.querySelector('.new-todo').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !e.target.value.trim()) return;
    const li = document.createElement('li'); li.textContent = e.target.value.trim(); document.getElementById('list').append(li); e.target.value = '';
  });</script>`,
);

const FIND = layout(
  'Catalogue',
  `<h1>Catalogue</h1><span id="q-label">Search the catalogue</span> <input aria-labelledby="q-label"> <button aria-label="Open the menu">≡</button>
  <p id="results"></p>
  <script>document.querySelector('[aria-labelledby]').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') document.getElementById('results').textContent = 'Results for ' + e.target.value + ': Waterproof daypack';
  });</script>`,
);

async function body(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startFixtureSite(): Promise<FixtureSite> {
  const events: FixtureSite['events'] = [];
  const hits: string[] = [];
  const send = (res: ServerResponse, status: number, html: string): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(`${req.method} ${url.pathname}`);
    void (async () => {
      if (req.method === 'POST' && url.pathname === '/signup') {
        const form = await body(req);
        const email = form.get('email') ?? '';
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || (form.get('password') ?? '').length < 6) {
          return send(res, 400, layout('Sign up', '<p>Please enter a valid email address and a password of at least 6 characters.</p>'));
        }
        events.push({ type: 'signup', email });
        return send(res, 200, layout('Welcome', `<h1>Welcome aboard!</h1><p>Welcome, ${email}! Your account has been created.</p>`));
      }
      if (req.method === 'POST' && url.pathname === '/newsletter') {
        const email = (await body(req)).get('email') ?? '';
        events.push({ type: 'subscription', email });
        return send(res, 200, layout('Subscribed', `<h1>Subscribed</h1><p>Thanks for subscribing, ${email}!</p>`));
      }
      if (url.pathname === '/account/delete' || url.pathname === '/logout') {
        events.push({ type: url.pathname === '/logout' ? 'logout' : 'delete' });
        return send(res, 200, layout('Gone', '<p>Done.</p>'));
      }
      if (url.pathname === '/slow') {
        await new Promise((r) => setTimeout(r, 3_000));
        return send(res, 200, layout('Slow', '<p>Finally.</p>'));
      }
      if (url.pathname === '/to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      }
      if (url.pathname === '/broken') return send(res, 500, layout('Broken', '<p>Internal error</p>'));
      const pages: Record<string, string> = { '/controls': CONTROLS, '/webrtc': WEBRTC, '/busy': BUSY, '/frozen': layout('Frozen', '<h1>Frozen</h1><script>while (true) {}</script>'), '/login': LOGIN, '/start': START, '/todo': TODO, '/find': FIND, '/': HOME, '/signup': SIGNUP, '/newsletter': NEWSLETTER, '/account': ACCOUNT };
      const page = pages[url.pathname];
      return page ? send(res, 200, page) : send(res, 404, layout('Not found', '<p>Not found</p>'));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    events,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
