/**
 * One shared headless Chromium per process, launched on first use. Each run gets its own
 * BrowserContext (see run-context.ts), so runs never share cookies or storage.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ConfigurationError } from '../../platform/errors.js';

/** Flags verified to work in containers and CI (see shared engineering notes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  // WebRTC would otherwise send UDP (STUN/TURN, peer traffic) straight past the egress proxy,
  // to any address: only proxied connections are allowed, so a page cannot reach a UDP port.
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium's own services (autofill, translate, hints...) would otherwise make requests of
  // their own through the run's proxy and show up as page problems.
  '--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter,DialMediaRouteProvider,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--no-pings',
];

const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const CHROMIUM_MISSING =
  'Chromium was not found. Install it (Debian/Ubuntu: apt-get install chromium; macOS: install Google Chrome) or set CHROMIUM_PATH';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser executable: the explicit path, else the first known location, else on PATH. */
export function findChromium(explicit?: string): string {
  if (explicit !== undefined && explicit !== '') {
    if (isExecutable(explicit)) return explicit;
    throw new ConfigurationError(
      `CHROMIUM_PATH is set to ${explicit}, which is not an executable file.`,
      'Point CHROMIUM_PATH at a Chromium or Chrome binary, or unset it to search the usual places.',
    );
  }
  const known = KNOWN_PATHS.find(isExecutable);
  if (known) return known;
  // The same search `which chromium` does, without spawning a process.
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new ConfigurationError(`${CHROMIUM_MISSING}.`);
}

let shared: { executable: string; browser: Promise<Browser> } | undefined;

/** The shared browser, launched on first call (and again if it crashed or was closed). */
export async function getBrowser(chromiumPath?: string): Promise<Browser> {
  const executable = findChromium(chromiumPath);
  if (shared && shared.executable === executable) {
    const browser = await shared.browser.catch(() => undefined);
    if (browser?.isConnected()) return browser;
  }
  const launching = chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS, headless: true });
  const entry = { executable, browser: launching };
  shared = entry;
  try {
    const browser = await launching;
    browser.on('disconnected', () => {
      if (shared === entry) shared = undefined;
    });
    return browser;
  } catch (error) {
    if (shared === entry) shared = undefined;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigurationError(
      `Chromium at ${executable} could not be started: ${reason}`,
      'Check that the browser runs on this machine, or set CHROMIUM_PATH to another one.',
    );
  }
}

/** Closes the shared browser, if one was started. */
export async function closeBrowser(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (!current) return;
  const browser = await current.browser.catch(() => undefined);
  await browser?.close().catch(() => undefined);
}
