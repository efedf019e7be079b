/**
 * Who is asking. Every tool call carries a Caller; the areas resolve per-caller resources from it
 * (the TestIO client and cache namespace from the tenant, Testr data from the user), so serving
 * many tenants over HTTP needs no change in any tool. On stdio the caller is the local user with
 * the configured token.
 */
import { createHash } from 'node:crypto';

export interface Caller {
  /** The user the call acts for: a key's user on the team server, LOCAL_USER on stdio and key-less HTTP. */
  userId: string;
  /** The API key's id (never the key itself) when the call came with one. */
  keyId?: string;
  /** The TestIO token of this call; never logged, never part of an answer. */
  testioToken?: string;
  /** A non-reversible id of the token ('none' without one): cache namespace, store file, log field. */
  tenantId: string;
  /** Opening Testr credits of this user when first seen (a key's --credits); else TESTR_CREDITS. */
  credits?: number;
  /** The tools this caller may list and call (a key's --tools/--toolsets); undefined: all that are served. */
  tools?: ReadonlySet<string>;
}

export const LOCAL_USER = 'local';

/** 128 bits of SHA-256: tenants never collide, and the token cannot be recovered from logs or file names. */
export function tenantIdOf(token: string | undefined): string {
  return token ? createHash('sha256').update(token).digest('hex').slice(0, 32) : 'none';
}

export function localCaller(token?: string): Caller {
  return { userId: LOCAL_USER, testioToken: token, tenantId: tenantIdOf(token) };
}
