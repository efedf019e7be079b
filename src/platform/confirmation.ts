/**
 * Confirmation before a tool changes anything, for any tool (`ctx.confirmation`).
 *
 * - The client declared the elicitation capability and the call brings no token: the user is asked
 *   by `elicitation/create` (form: one boolean "apply"); accept + true confirms, anything else
 *   (decline, cancel, false) changes nothing.
 * - Otherwise the first call answers with a preview and a one-time token; only a second call with
 *   that token acts. The token is valid CONFIRMATION_TTL_MS, bound to the tool, the arguments
 *   (canonical JSON, `confirmation` itself left out) and the caller (tenant, user, key), and works
 *   once. Only a hash of it is kept; it is never logged.
 *
 * Tokens live in this process (one registry). Several replicas behind one URL would each know only
 * their own: put a sticky session in front, or use elicitation.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Caller } from './caller.js';
import { UserInputError } from './errors.js';
import type { Logger } from './logger.js';

export const CONFIRMATION_TTL_MS = 5 * 60_000;
/** The tool parameter that carries the token of a preview. */
export const CONFIRMATION_PARAM = 'confirmation';
const MAX_PENDING = 10_000;

export interface ConfirmationRequest {
  /** What the decision is bound to: the tool's arguments (`confirmation` is ignored if present). */
  args: Record<string, unknown>;
  /** The token from an earlier preview, when the call brings one. */
  token?: string;
  /** What will change, in words: the elicitation message. */
  summary: string;
}

export type ConfirmationDecision =
  | { outcome: 'confirmed'; via: 'elicitation' | 'token' }
  | { outcome: 'declined' | 'cancelled' }
  | { outcome: 'pending'; token: string; expiresAt: string };

export interface AuditEntry {
  /** The id of what changed (a bug id, a test id, "product 25073" for a new test). */
  target: string | number;
  /** applied, failed, declined, cancelled... */
  outcome: string;
  /** A short reason for a failure (never a secret). */
  detail?: string;
}

export interface Confirmation {
  confirm(request: ConfirmationRequest): Promise<ConfirmationDecision>;
  /**
   * Throws the token's error (unknown, used, expired, other arguments) without using it up: call it
   * first, so a stale token is named as such even when the arguments would fail later.
   */
  check(request: Pick<ConfirmationRequest, 'args' | 'token'>): void;
  /** One INFO audit line: caller, tool, target id, outcome. */
  audit(entry: AuditEntry): void;
}

/** Sends `elicitation/create` to the client and returns its answer; undefined when the client has no elicitation. */
export type Elicit = (params: { message: string; requestedSchema: Record<string, unknown> }, signal: AbortSignal) => Promise<{ action: string; content?: Record<string, unknown> }>;

interface Pending {
  binding: string;
  expiresAt: number;
}

/** Canonical JSON: object keys sorted at every level, so {a,b} and {b,a} bind alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function bindingOf(tool: string, args: Record<string, unknown>, caller: Caller): string {
  const { [CONFIRMATION_PARAM]: _token, ...rest } = args;
  return sha256(canonical([tool, rest, caller.tenantId, caller.userId, caller.keyId ?? null]));
}

const STALE = `Call the tool again without "${CONFIRMATION_PARAM}" to get a fresh preview and token, then repeat the call with that token and the same arguments.`;

/** The one-time tokens of one process. */
export class ConfirmationTokens {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(binding: string): { token: string; expiresAt: string } {
    this.prune();
    const token = `cfm_${randomBytes(24).toString('base64url')}`;
    const expiresAt = this.now() + CONFIRMATION_TTL_MS;
    this.pending.set(sha256(token), { binding, expiresAt });
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Uses the token up, or throws a UserInputError naming `confirmation`; nothing else changes. */
  redeem(token: string, binding: string): void {
    this.check(token, binding);
    this.pending.delete(sha256(token));
  }

  /** Throws as redeem would, without using the token up. */
  check(token: string, binding: string): void {
    const key = sha256(token);
    const entry = this.pending.get(key);
    if (!entry) throw new UserInputError(CONFIRMATION_PARAM, `The "${CONFIRMATION_PARAM}" token is unknown or was already used; nothing was changed.`, STALE);
    if (entry.expiresAt <= this.now()) {
      this.pending.delete(key);
      throw new UserInputError(CONFIRMATION_PARAM, `The "${CONFIRMATION_PARAM}" token expired (tokens are valid for ${CONFIRMATION_TTL_MS / 60_000} minutes); nothing was changed.`, STALE);
    }
    if (entry.binding !== binding) {
      throw new UserInputError(CONFIRMATION_PARAM, `The "${CONFIRMATION_PARAM}" token was issued for other arguments (or another tool or caller); nothing was changed.`, STALE);
    }
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(key);
  }
}

const ELICIT_SCHEMA = {
  type: 'object',
  properties: { confirm: { type: 'boolean', title: 'Apply this change', description: 'Yes applies it; no changes nothing.', default: false } },
  required: ['confirm'],
};

export interface ConfirmationScope {
  tokens: ConfirmationTokens;
  caller: Caller;
  toolName: string;
  logger: Logger;
  signal: AbortSignal;
  /** Present when the client declared the elicitation capability. */
  elicit?: Elicit;
}

export function createConfirmation({ tokens, caller, toolName, logger, signal, elicit }: ConfirmationScope): Confirmation {
  const audit = ({ target, outcome, detail }: AuditEntry) =>
    logger.info(`Audit: ${toolName} ${String(target)} ${outcome}`, { audit: true, tool: toolName, target: String(target), outcome, caller: caller.userId, key: caller.keyId, tenant: caller.tenantId, ...(detail ? { detail } : {}) });

  const confirm = async ({ args, token, summary }: ConfirmationRequest): Promise<ConfirmationDecision> => {
    const binding = bindingOf(toolName, args, caller);
    if (token !== undefined) {
      tokens.redeem(token, binding);
      return { outcome: 'confirmed', via: 'token' };
    }
    if (elicit) {
      let answer: Awaited<ReturnType<Elicit>> | undefined;
      try {
        answer = await elicit({ message: `${summary}\n\nApply this change?`, requestedSchema: ELICIT_SCHEMA }, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        // A client that declared elicitation but cannot answer it: fall back to the token.
        logger.warning('Elicitation failed; answering with a confirmation token instead', { tool: toolName, error: (error as Error).message });
      }
      if (answer) {
        if (answer.action === 'accept' && answer.content?.confirm === true) return { outcome: 'confirmed', via: 'elicitation' };
        return { outcome: answer.action === 'cancel' ? 'cancelled' : 'declined' };
      }
    }
    const issued = tokens.issue(binding);
    return { outcome: 'pending', token: issued.token, expiresAt: issued.expiresAt };
  };

  const check = ({ args, token }: Pick<ConfirmationRequest, 'args' | 'token'>) => {
    if (token !== undefined) tokens.check(token, bindingOf(toolName, args, caller));
  };

  return { confirm, check, audit };
}
