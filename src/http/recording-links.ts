/**
 * Signed, expiring links to Testr recordings served by the team server itself:
 * `<base>/recordings/<runId>.gif?sig=<expiry>.<user>.<mac>`, where mac is HMAC-SHA256 over the run
 * id, the user and the expiry under the server's link secret. The link is the credential (an image
 * viewer sends no API key); it names the user it was minted for, so the route reads the recording
 * through that user's view and another user's run is never served. Tampering with any part, or an
 * expiry in the past, is refused.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PublicLinks } from '../platform/context.js';

export const RECORDING_ROUTE = '/recordings';
/** Run ids are UUIDs (whole numbers in databases from before the migration). */
export const RUN_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export type LinkCheck = { ok: true; userId: string } | { ok: false; reason: 'expired' | 'invalid' };

export class RecordingLinks implements PublicLinks {
  constructor(
    private readonly secret: Buffer,
    /** Base URL clients reach (MCP_PUBLIC_URL, else the server's own address, known once it listens), no trailing slash. */
    private readonly baseUrl: () => string,
    private readonly ttlSeconds: number,
  ) {}

  private mac(runId: string, userId: string, expires: number): Buffer {
    return createHmac('sha256', this.secret).update(`recording\n${runId}\n${userId}\n${expires}`).digest();
  }

  /** The link for this user's run, valid ttlSeconds from `now`. */
  recordingUrl(runId: string, userId: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + this.ttlSeconds;
    return `${this.baseUrl()}${RECORDING_ROUTE}/${encodeURIComponent(runId)}.gif?sig=${this.signature(runId, userId, expires)}`;
  }

  /** `<expiry>.<user, base64url>.<mac, base64url>`. */
  signature(runId: string, userId: string, expires: number): string {
    return `${expires}.${Buffer.from(userId, 'utf8').toString('base64url')}.${this.mac(runId, userId, expires).toString('base64url')}`;
  }

  /** Whose link this is, if the signature is this server's and has not expired. */
  check(runId: string, sig: unknown, now = Date.now()): LinkCheck {
    if (typeof sig !== 'string') return { ok: false, reason: 'invalid' };
    const parts = sig.split('.');
    if (parts.length !== 3 || !/^\d{1,12}$/.test(parts[0]!)) return { ok: false, reason: 'invalid' };
    const expires = Number(parts[0]);
    const userId = Buffer.from(parts[1]!, 'base64url').toString('utf8');
    const given = Buffer.from(parts[2]!, 'base64url');
    const expected = this.mac(runId, userId, expires);
    if (!userId || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    if (expires * 1000 <= now) return { ok: false, reason: 'expired' };
    return { ok: true, userId };
  }
}

/**
 * MCP_LINK_SECRET when set (every replica behind one URL must share it); else a random secret kept
 * in `link-secret` beside the keys file (mode 0600), created on first use, so links survive a
 * restart and work for every process of this machine. Where that folder is read-only, a secret of
 * this process alone (its links die with it), and `warn` says so.
 */
export function linkSecret(configured: string | undefined, keysFile: string, warn: (message: string) => void): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(path.dirname(keysFile), 'link-secret');
  try {
    return storedSecret(file);
  } catch (error) {
    warn(`Cannot keep a recording-link secret in ${file} (${(error as Error).message}); links last only as long as this process. Set MCP_LINK_SECRET.`);
    return Buffer.from(randomBytes(32).toString('hex'), 'utf8');
  }
}

function storedSecret(file: string): Buffer {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return Buffer.from(existing, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  // wx: when two processes start at once, the second keeps the first one's secret.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return Buffer.from(secret, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
  }
}
