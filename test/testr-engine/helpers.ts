/**
 * Shared helpers for engine tests that drive the real browser. Chromium must be present: a
 * missing browser fails loudly instead of skipping.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EngineMode, EngineOptions, EngineRunRequest, StepResult } from '../../src/testr/engine/contract.js';
import { findChromium } from '../../src/testr/engine/browser.js';
import { countGifFrames } from '../../src/testr/engine/gif.js';
import { closeBrowser } from '../../src/testr/engine/index.js';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

/** Throws a clear error when Chromium is missing (browser tests never skip silently). */
export function requireChromium(): string {
  try {
    return findChromium(process.env.CHROMIUM_PATH);
  } catch (error) {
    throw new Error(`Browser tests need Chromium: ${(error as Error).message}`);
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'testr-engine-'));
let counter = 0;

export function request(
  targetUrl: string,
  mode: EngineMode,
  extra: Omit<Partial<EngineRunRequest>, 'options'> & { options?: Partial<EngineOptions> } = {},
): EngineRunRequest & { reported: StepResult[] } {
  counter++;
  const reported: StepResult[] = [];
  return {
    runId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    targetUrl,
    mode,
    recordingPath: path.join(dir, `run-${counter}`, 'recording.gif'),
    signal: new AbortController().signal,
    onStep: (r) => reported.push(r),
    ...extra,
    options: { blockPrivateNetworks: false, actionTimeoutMs: 3_000, ...extra.options },
    reported,
  };
}

export function gifFrames(file: string): number {
  return countGifFrames(readFileSync(file));
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}@example.com`;
}

/**
 * The fixture site for a test file, with Chromium required and the shared browser closed after;
 * returns a getter valid from beforeAll on.
 */
export function useFixtureSite(): () => FixtureSite {
  let site: FixtureSite | undefined;
  beforeAll(async () => {
    requireChromium();
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await closeBrowser();
    await site?.close();
  });
  return () => {
    if (!site) throw new Error('the fixture site is not started yet');
    return site;
  };
}
