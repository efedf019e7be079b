/**
 * Who is calling: the API key (Authorization: Bearer, or X-API-Key) checked against the keys file
 * on every request, then the TestIO token (X-TestIO-Token, else the key's, else the server's).
 */
import type { Request } from 'express';
import { LOCAL_USER, tenantIdOf, type Caller } from '../platform/caller.js';
import type { KeyStore } from './keys/key-store.js';
import { keyTools, type ToolsetResolver } from './keys/key-tools.js';
import { KEY_INVALID, KEY_REQUIRED } from './rpc-errors.js';

export type CallerResult = { ok: true; caller: Caller } | { ok: false; message: string };

function presentedKey(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header.trim() ? header.trim() : undefined;
}

export function callerFromRequest(req: Request, keys: KeyStore, serverToken: string | undefined, app: ToolsetResolver): CallerResult {
  const headerToken = typeof req.headers['x-testio-token'] === 'string' ? req.headers['x-testio-token'].trim() || undefined : undefined;
  if (!keys.hasKeys()) {
    const token = headerToken ?? serverToken;
    return { ok: true, caller: { userId: LOCAL_USER, testioToken: token, tenantId: tenantIdOf(token) } };
  }
  const key = presentedKey(req);
  if (!key) return { ok: false, message: KEY_REQUIRED };
  const verified = keys.verify(key);
  if (!verified) return { ok: false, message: KEY_INVALID };
  const token = headerToken ?? verified.testioToken ?? serverToken;
  const { record } = verified;
  const tools = keyTools(record, app);
  return {
    ok: true,
    caller: {
      userId: record.user,
      keyId: record.id,
      testioToken: token,
      tenantId: tenantIdOf(token),
      ...(record.credits !== undefined ? { credits: record.credits } : {}),
      ...(tools ? { tools } : {}),
    },
  };
}
