/**
 * What a write service needs of the tool call: the arguments the confirmation is bound to, the
 * token if the call brings one, the platform's confirmation and audit, progress and the signal.
 */
import type { Confirmation, ConfirmationDecision } from '../../platform/confirmation.js';
import type { ProgressFn } from '../../platform/context.js';
import type { WriteStatus } from './write-schemas.js';

export interface WriteCall {
  args: Record<string, unknown>;
  /** The check of the call's token (see writeCall): services await it before anything else. */
  checked: Promise<void>;
  token?: string;
  confirmation: Confirmation;
  progress: ProgressFn;
  signal: AbortSignal;
}

/**
 * The tool's side: `ctx.someService.change(args.x, writeCall(args, ctx))`. A token the call brings
 * is checked here, first, so a stale one is named as such whatever else is wrong.
 */
export function writeCall(args: Record<string, unknown> & { confirmation?: string }, ctx: Omit<WriteCall, 'args' | 'token' | 'checked'>): WriteCall {
  const checked = ctx.confirmation.check({ args, token: args.confirmation });
  // Awaited by the service; this keeps a rejection from counting as unhandled meanwhile.
  checked.catch(() => undefined);
  return { args, checked, token: args.confirmation, confirmation: ctx.confirmation, progress: ctx.progress, signal: ctx.signal };
}

/** The answer fields of a decision that is not "go ahead": a preview with its token, or nothing changed. */
export function notConfirmed(decision: Exclude<ConfirmationDecision, { outcome: 'confirmed' }>, summary: string): { status: WriteStatus; summary: string; confirmation?: string; expires_at?: string } {
  if (decision.outcome === 'pending') {
    return {
      status: 'confirmation_required',
      summary: `${summary}\nNothing has changed yet. To apply, call this tool again with the same arguments and "confirmation": "${decision.token}" (valid until ${decision.expiresAt}). Show the user this preview first.`,
      confirmation: decision.token,
      expires_at: decision.expiresAt,
    };
  }
  return { status: decision.outcome, summary: `${summary}\nThe user ${decision.outcome} it: nothing was changed.` };
}

/** Tells every target of a change that did not happen (declined or cancelled) in the audit log. */
export function auditNotConfirmed(call: WriteCall, decision: ConfirmationDecision, targets: ReadonlyArray<string | number>): void {
  if (decision.outcome === 'declined' || decision.outcome === 'cancelled') for (const target of targets) call.confirmation.audit({ target, outcome: decision.outcome });
}

/** A short error text for a per-item failure. */
export const failureText = (error: unknown) => (error instanceof Error ? error.message : String(error));
