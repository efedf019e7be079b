/**
 * Turns what the TestIO API answered into one typed, actionable UpstreamError. Every text that
 * came from upstream is redacted and shortened before it can reach a message.
 */
import { STATUS_CODES } from 'node:http';
import { UpstreamError } from '../../platform/errors.js';
import { redactText } from '../../platform/redact.js';

const MAX_ECHO = 200;

export interface RequestLabel {
  method: string;
  /** Path and query below the base URL, e.g. `/exploratory_tests/5`. */
  path: string;
  attempts: number;
  secrets: readonly string[];
}

const label = (r: RequestLabel) => redactText(`${r.method} ${r.path}`, r.secrets);
const attemptsText = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);
const statusText = (status: number) => `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;

export function looksLikeHtml(body: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml)/i.test(body);
}

/** What the upstream said, short and redacted: the `error` field of a JSON body, or a summary. */
export function describeBody(body: string, secrets: readonly string[]): string | undefined {
  if (!body.trim()) return undefined;
  if (looksLikeHtml(body)) return 'an HTML page (likely a proxy or gateway error)';
  let detail = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const field = record.error ?? record.message ?? record.errors;
      detail = typeof field === 'string' ? field : JSON.stringify(field ?? parsed);
    }
  } catch {
    // Not JSON: echo the start of the text.
  }
  const clean = redactText(detail.replace(/\s+/g, ' ').trim(), secrets);
  return clean.length > MAX_ECHO ? `${clean.slice(0, MAX_ECHO)}…` : clean;
}

export function statusError(status: number, body: string, request: RequestLabel, retryAfterMs?: number): UpstreamError {
  const said = describeBody(body, request.secrets);
  const saidText = said ? ` The API said: ${said}.` : '';
  const where = label(request);
  if (status === 401 || status === 403) {
    return new UpstreamError(
      'auth',
      `The TestIO API rejected the token (HTTP ${status}). Check TESTIO_CUSTOMER_API_TOKEN: it must be a current Customer API token for this account (set it in your MCP client's env block or .env file, then restart the server).`,
      { status },
    );
  }
  if (status === 404) {
    return new UpstreamError('not_found', `The TestIO API found nothing at ${where} (HTTP 404).`, { status });
  }
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} s.` : '';
    return new UpstreamError(
      'rate_limited',
      `The TestIO API is rate limiting requests (HTTP 429) and still was after ${attemptsText(request.attempts)} on ${where}.${wait} Wait a little and try again, or lower MAX_CONCURRENT_API_REQUESTS.`,
      { status },
    );
  }
  if (status >= 500 || status === 408) {
    return new UpstreamError(
      'upstream',
      `The TestIO API failed with ${statusText(status)} on ${where} after ${attemptsText(request.attempts)}.${saidText} It may be down or overloaded; try again in a minute.`,
      { status },
    );
  }
  return new UpstreamError('upstream', `The TestIO API rejected ${where} with ${statusText(status)}.${saidText}`, { status });
}

export function timeoutError(seconds: number, request: RequestLabel): UpstreamError {
  return new UpstreamError(
    'timeout',
    `The TestIO API did not answer ${label(request)}: timed out after ${seconds} s (${attemptsText(request.attempts)}). Try again, or raise HTTP_TIMEOUT_SECONDS (--http-timeout) if the API is just slow.`,
  );
}

export function networkError(origin: string, cause: unknown, request: RequestLabel): UpstreamError {
  const code = networkCode(cause);
  return new UpstreamError(
    'upstream',
    `Could not reach the TestIO API at ${redactText(origin, request.secrets)}${code ? ` (${code})` : ''} for ${label(request)} after ${attemptsText(request.attempts)}. Check your network and TESTIO_CUSTOMER_API_BASE_URL.`,
  );
}

export function invalidBodyError(status: number, body: string, request: RequestLabel, reason: string): UpstreamError {
  const kind = looksLikeHtml(body) ? 'an HTML page' : reason;
  return new UpstreamError(
    'upstream',
    `The TestIO API answered ${label(request)} (HTTP ${status}) with ${kind} instead of a JSON object. A proxy may be in the way; check TESTIO_CUSTOMER_API_BASE_URL.`,
    { status },
  );
}

export function tooLargeError(maxMb: number, request: RequestLabel): UpstreamError {
  return new UpstreamError(
    'upstream',
    `The TestIO API answered ${label(request)} with more than ${maxMb} MB, the most the server reads (MAX_RESPONSE_MB); the answer was not read. Ask for less (fewer tests or products at once), or raise MAX_RESPONSE_MB if such answers are expected.`,
  );
}

export function redirectedError(origin: string, target: string, request: RequestLabel): UpstreamError {
  return new UpstreamError(
    'upstream',
    `The TestIO API at ${redactText(origin, request.secrets)} redirected ${label(request)} to another origin, ${redactText(target, request.secrets)}; the token is never sent there, so nothing was read. Set TESTIO_CUSTOMER_API_BASE_URL to the API's own address (the production one is https://api.test.io/customer/v2).`,
  );
}

/** The most specific code of a fetch failure (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, ...). */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
