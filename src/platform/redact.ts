/** Removes secrets from any text or value before it can reach a log line, an error or an answer. */

const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)(token|bearer|basic)?\s*[^\s"',}]+/gi;
/** A token-looking credential after a scheme: long and with a digit, so "Token validation fails" stays. */
const TOKEN_SCHEME = /\b(Token|Bearer)\s+(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{16,}/g;
const SECRET_KEY = /^(authorization|token|api[_-]?key|password|secret)$/i;
export const REDACTED = '[REDACTED]';

/** Cheap pre-check: could this text hold anything redactText would change? */
export function mightHoldSecret(text: string, secrets: readonly string[]): boolean {
  if (secrets.some((secret) => secret && text.includes(secret))) return true;
  if (/authorization/i.test(text)) return true;
  TOKEN_SCHEME.lastIndex = 0;
  return TOKEN_SCHEME.test(text);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join(REDACTED);
  }
  return out.replace(AUTH_HEADER, `$1${REDACTED}`).replace(TOKEN_SCHEME, `$1 ${REDACTED}`);
}

/** Deep copy with every string redacted and any `authorization`/`token`-like key blanked. */
export function redactValue<T>(value: T, secrets: readonly string[], seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]' as T;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, seen)) as T;
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message, secrets) } as T;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(item, secrets, seen);
  }
  return out as T;
}

/** A SECRET_KEY name as an object key in JSON (inside a string value it would be escaped). */
const SECRET_KEY_IN_JSON = /"(authorization|token|api[_-]?key|password|secret)":/i;

/**
 * redactValue for answers: most answers hold nothing to redact, so check the serialised form
 * first and copy only when needed (answers can be large and this runs on every call).
 */
export function redactAnswer<T>(value: T, secrets: readonly string[], serialised?: string): T {
  const json = serialised ?? JSON.stringify(value) ?? '';
  if (!mightHoldSecret(json, secrets) && !SECRET_KEY_IN_JSON.test(json)) return value;
  return redactValue(value, secrets);
}

export function redactAnswerText(text: string, secrets: readonly string[]): string {
  return mightHoldSecret(text, secrets) ? redactText(text, secrets) : text;
}
