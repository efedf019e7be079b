/**
 * Typed errors every layer throws. The tool registry turns any of them into an `isError` tool
 * result through one formatter (./format-error.ts), so messages stay short and actionable.
 *
 * Plugins loaded at runtime through tsx may hold a second copy of this module, so errors are
 * recognised by their `toolErrorKind` field, never by `instanceof`.
 */
export type ToolErrorKind =
  | 'user_input'
  | 'not_found'
  | 'configuration'
  | 'auth'
  | 'rate_limited'
  | 'timeout'
  | 'upstream'
  | 'cancelled'
  | 'conflict';

export interface ToolErrorOptions {
  /** The tool parameter that is wrong, when there is one. */
  parameter?: string;
  /** What the user (or assistant) should do next. */
  hint?: string;
  cause?: unknown;
}

export class ToolError extends Error {
  readonly toolErrorKind: ToolErrorKind;
  readonly parameter?: string;
  readonly hint?: string;

  constructor(kind: ToolErrorKind, message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolError';
    this.toolErrorKind = kind;
    this.parameter = options.parameter;
    this.hint = options.hint;
  }
}

/** Bad arguments: name the parameter and say how to fix it. */
export class UserInputError extends ToolError {
  constructor(parameter: string, message: string, hint?: string) {
    super('user_input', message, { parameter, hint });
    this.name = 'UserInputError';
  }
}

export class NotFoundError extends ToolError {
  constructor(entity: string, id: string | number, hint?: string) {
    super('not_found', `${entity} ${id} was not found.`, { hint });
    this.name = 'NotFoundError';
  }
}

export class ConfigurationError extends ToolError {
  constructor(message: string, hint?: string) {
    super('configuration', message, { hint });
    this.name = 'ConfigurationError';
  }
}

export class UpstreamError extends ToolError {
  readonly status?: number;
  constructor(
    kind: Extract<ToolErrorKind, 'auth' | 'rate_limited' | 'timeout' | 'upstream' | 'not_found'>,
    message: string,
    options: ToolErrorOptions & { status?: number } = {},
  ) {
    super(kind, message, options);
    this.name = 'UpstreamError';
    this.status = options.status;
  }
}

export function isToolError(value: unknown): value is ToolError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toolErrorKind?: unknown }).toolErrorKind === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** The one way an error message and its hint become one text: "message. hint". */
export function withHint(message: string, hint?: string): string {
  const text = message.trim();
  const extra = hint?.trim();
  return extra ? `${text}${/[.!?]$/.test(text) ? '' : '.'} ${extra}` : text;
}

/** A thrown value as text for an answer or a run log: a ToolError with its hint, else the message. */
export function errorText(error: unknown, untyped: (error: unknown) => string = (e) => (e instanceof Error ? e.message : String(e))): string {
  return isToolError(error) ? withHint(error.message, error.hint) : untyped(error);
}
