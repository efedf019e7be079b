/** Removes secrets from any text or value before it can reach a log line, an error or an answer. */

const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)(token|bearer|basic)?\s*[^\s"',}]+/gi;
const TOKEN_SCHEME = /\b(Token|Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g;
export const REDACTED = '[REDACTED]';

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join(REDACTED);
  }
  return out.replace(AUTH_HEADER, `$1${REDACTED}`).replace(TOKEN_SCHEME, `$1 ${REDACTED}`);
}

/** Deep copy with every string redacted and any `authorization`/`token` key blanked. */
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
    out[key] = /^(authorization|token|api[_-]?key|password|secret)$/i.test(key) ? REDACTED : redactValue(item, secrets, seen);
  }
  return out as T;
}
