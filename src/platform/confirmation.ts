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
 * Tokens live in this process (one registry) and, with REDIS_URL, in Redis too, so any replica
 * redeems a token another issued, once.
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
  check(request: Pick<ConfirmationRequest, 'args' | 'token'>): Promise<void>;
  /** One INFO audit line: caller, tool, target id, outcome. */
  audit(entry: AuditEntry): void;
}

/** Sends `elicitation/create` to the client and returns its answer; undefined when the client has no elicitation. */
export type Elicit = (params: { message: string; requestedSchema: Record<string, unknown> }, signal: AbortSignal) => Promise<{ action: string; content?: Record<string, unknown> }>;

interface Pending {
  binding: string;
  expiresAt: number;
  /** Redis holds it too (it was up at issue): its atomic delete decides who uses it. */
  shared?: boolean;
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

/** Where tokens are shared by replicas (REDIS_URL): a key per token hash, the binding and expiry as its value. */
export interface SharedTokenStore {
  /** Undefined when Redis cannot answer (then this process's own copy decides). */
  get(key: string): Promise<string | null | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<unknown>;
  /** How many keys were deleted (1 for the one caller that used the token up), undefined when Redis cannot answer. */
  del(key: string): Promise<number | undefined>;
}

/**
 * The one-time tokens: kept in this process, and in Redis when there is one, so a token one replica
 * issued is redeemed on any other and, by Redis's atomic delete, only once.
 */
export class ConfirmationTokens {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly shared: () => SharedTokenStore | undefined = () => undefined,
  ) {}

  async issue(binding: string): Promise<{ token: string; expiresAt: string }> {
    this.prune();
    const token = `cfm_${randomBytes(24).toString('base64url')}`;
    const expiresAt = this.now() + CONFIRMATION_TTL_MS;
    const key = sha256(token);
    const entry: Pending = { binding, expiresAt };
    this.pending.set(key, entry);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    entry.shared = (await this.shared()?.set(key, JSON.stringify({ binding, expiresAt }), CONFIRMATION_TTL_MS)) !== undefined;
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Uses the token up, or throws a UserInputError naming `confirmation`; nothing else changes. */
  async redeem(token: string, binding: string): Promise<void> {
    await this.check(token, binding);
    const key = sha256(token);
    const local = this.pending.get(key);
    this.pending.delete(key);
    const deleted = await this.shared()?.del(key);
    // Redis answered that it no longer holds a token it had: another replica (or call) used it first.
    if (deleted === 0 && (!local || local.shared)) {
      throw new UserInputError(CONFIRMATION_PARAM, `The "${CONFIRMATION_PARAM}" token is unknown or was already used; nothing was changed.`, STALE);
    }
  }

  /** Throws as redeem would, without using the token up. */
  async check(token: string, binding: string): Promise<void> {
    const key = sha256(token);
    let entry = this.pending.get(key);
    // Shared: Redis says whether another replica used it up meanwhile (null: gone).
    if (entry?.shared && (await this.shared()?.get(key)) === null) {
      this.pending.delete(key);
      entry = undefined;
    }
    entry ??= await this.fromShared(key);
    if (!entry) throw new UserInputError(CONFIRMATION_PARAM, `The "${CONFIRMATION_PARAM}" token is unknown or was already used; nothing was changed.`, STALE);
    if (entry.expiresAt <= this.now()) {
      this.pending.delete(key);
      throw new UserInputError(CONFIRMATION_PARAM, `The "${CONFIRMATION_PARAM}" token expired (tokens are valid for ${CONFIRMATION_TTL_MS / 60_000} minutes); nothing was changed.`, STALE);
    }
    if (entry.binding !== binding) {
      throw new UserInputError(CONFIRMATION_PARAM, `The "${CONFIRMATION_PARAM}" token was issued for other arguments (or another tool or caller); nothing was changed.`, STALE);
    }
  }

  private async fromShared(key: string): Promise<Pending | undefined> {
    const raw = await this.shared()?.get(key);
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<Pending>;
      return typeof parsed.binding === 'string' && typeof parsed.expiresAt === 'number' ? { binding: parsed.binding, expiresAt: parsed.expiresAt } : undefined;
    } catch {
      return undefined;
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
      await tokens.redeem(token, binding);
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
    const issued = await tokens.issue(binding);
    return { outcome: 'pending', token: issued.token, expiresAt: issued.expiresAt };
  };

  const check = async ({ args, token }: Pick<ConfirmationRequest, 'args' | 'token'>) => {
    if (token !== undefined) await tokens.check(token, bindingOf(toolName, args, caller));
  };

  return { confirm, check, audit };
}
