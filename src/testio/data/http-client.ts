/**
 * The one HTTP client of the TestIO Customer API: undici's fetch over a pooled Agent, one global
 * concurrency limit, retries with backoff inside a bounded budget, coalesced identical GETs,
 * prompt cancellation, typed errors, and no secret in any log line or message.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { Agent, fetch as undiciFetch } from 'undici';
import { secretsOf, type Config } from '../../platform/config.js';
import { ConfigurationError, type UpstreamError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { redactText } from '../../platform/redact.js';
import { cancelledError, raceAbort, sleep } from './abort.js';
import { Coalescer } from './coalesce.js';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  RETRYABLE_WRITE_STATUSES,
  type RetryPolicy,
} from './retry.js';
import { readCappedText } from './read-body.js';
import { tokenProblem } from './token-check.js';
import { invalidBodyError, networkCode, networkError, redirectedError, statusError, timeoutError, tooLargeError, type RequestLabel } from './upstream-errors.js';

export type JsonObject = Record<string, unknown>;
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number>;

export interface HttpRequestOptions {
  /** Repeated keys for arrays (`filter[product_ids][]=1&filter[product_ids][]=2`). */
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Fewer attempts than the policy for this call (a health check wants a quick answer). */
  maxAttempts?: number;
}

export interface HttpClientOptions extends Partial<RetryPolicy> {
  /** Jitter source; tests pass a fixed one. */
  random?: () => number;
}

export interface HttpClientCradle {
  config: Config;
  logger: Logger;
}

/** One tenant's view of the client: its token rides on each request, its own request count. */
export interface TestioHttp {
  get(path: string, options?: Omit<HttpRequestOptions, 'body'>): Promise<JsonObject>;
  request(method: string, path: string, options?: HttpRequestOptions): Promise<JsonObject>;
  /** Upstream HTTP attempts made for this tenant so far, retries included. */
  requestCount(): number;
}

interface Tenant {
  readonly token: string | undefined;
  /** Never the token: it keys coalesced requests, so two tenants never share an answer. */
  readonly tenantId: string;
  attempts: number;
}

export const MISSING_TOKEN_MESSAGE =
  'TESTIO_CUSTOMER_API_TOKEN is not set, so the TestIO API cannot be called. Set it in the "env" block of your MCP client configuration or in a .env file where the server starts, then restart the server; or run `testio-mcp --sandbox` to try the tools on demo data.';

type Outcome =
  | { kind: 'ok'; data: JsonObject }
  | { kind: 'status'; status: number; body: string; retryAfterMs?: number }
  | { kind: 'invalid'; status: number; body: string; reason: string }
  | { kind: 'timeout' }
  | { kind: 'network'; cause: unknown }
  | { kind: 'too_large' }
  | { kind: 'redirected'; origin: string };

/** How long an idle pooled socket stays open for reuse. */
const KEEP_ALIVE_MS = 30_000;

/** An error answer is only ever echoed in part: read no more of it than this. */
const ERROR_BODY_BYTES = 64 * 1024;

/** Connection failures where the request certainly never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export class TestioHttpClient implements TestioHttp {
  private readonly config: Config;
  private readonly logger: Logger;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  /** undici loads on the first request, not at start-up (it is the largest module we import). */
  private transport?: Promise<{ agent: Agent; fetch: typeof undiciFetch }>;
  private readonly limit: LimitFunction;
  private readonly coalescer = new Coalescer<JsonObject>();
  private attempts = 0;
  private closed = false;
  /** The configured token (read live: `--sandbox` fills it in after the client exists). */
  private readonly configTenant: Tenant;

  constructor({ config, logger }: HttpClientCradle, options: HttpClientOptions = {}) {
    this.config = config;
    this.logger = logger;
    const { random, ...policy } = options;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...policy };
    this.random = random ?? Math.random;
    this.limit = pLimit(config.maxConcurrentRequests);
    this.configTenant = { get token() { return config.token; }, tenantId: 'config', attempts: 0 };
  }

  /**
   * One tenant's client over the shared pool and concurrency limit: the token is a header, so
   * tenants share connections but never an answer (coalescing is keyed by tenantId).
   */
  forTenant(token: string | undefined, tenantId: string): TestioHttp {
    const tenant: Tenant = { token, tenantId, attempts: 0 };
    return {
      get: (path, options) => this.getFor(tenant, path, options),
      request: (method, path, options) => this.requestFor(tenant, method, path, options),
      requestCount: () => tenant.attempts,
    };
  }

  /** GET a JSON object with the configured token; identical concurrent GETs share one upstream request. */
  get(path: string, options: Omit<HttpRequestOptions, 'body'> = {}): Promise<JsonObject> {
    return this.getFor(this.configTenant, path, options);
  }

  /** Any method with the configured token; writes are never coalesced and retried only where the server did not act. */
  request(method: string, path: string, options: HttpRequestOptions = {}): Promise<JsonObject> {
    return this.requestFor(this.configTenant, method, path, options);
  }

  /** Upstream HTTP attempts made so far by every tenant, retries included. */
  requestCount(): number {
    return this.attempts;
  }

  private async getFor(tenant: Tenant, path: string, options: Omit<HttpRequestOptions, 'body'> = {}): Promise<JsonObject> {
    this.requireToken(tenant);
    const url = this.buildUrl(path, options.query);
    const key = `${tenant.tenantId} GET ${url.href}#${options.maxAttempts ?? ''}`;
    return this.coalescer.run(key, (shared) => this.execute(tenant, 'GET', url, options, shared), options.signal);
  }

  private async requestFor(tenant: Tenant, method: string, path: string, options: HttpRequestOptions = {}): Promise<JsonObject> {
    const verb = method.toUpperCase();
    if (verb === 'GET') return this.getFor(tenant, path, options);
    this.requireToken(tenant);
    return this.execute(tenant, verb, this.buildUrl(path, options.query), options, options.signal);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.transport) await (await this.transport).agent.close();
  }

  /** Loads the HTTP stack in the background (after the handshake), so the first call does not wait. */
  warmUp(): void {
    if (this.closed) return;
    // A data: URL runs fetch's own request/response machinery once without touching the network,
    // so the first real request does not pay for compiling it.
    void this.loadTransport()
      .then(({ fetch }) => fetch('data:application/json,{}'))
      .then((response) => response.text())
      .catch(() => undefined);
  }

  private loadTransport(): Promise<{ agent: Agent; fetch: typeof undiciFetch }> {
    this.transport ??= import('undici').then(({ Agent, fetch }) => ({
      // Idle sockets are kept alive for reuse; undici has no separate cap on them
      // (connectionPoolMaxKeepalive), the socket count bounds them. No more sockets than requests
      // may be in flight: with spare room, undici opens a new socket for a request that is sent the
      // moment another one's answer has been read, because that socket is not marked free until a
      // tick later. A 20-test report then opened 19 sockets instead of 10, and over HTTPS each one
      // costs a TLS handshake.
      agent: new Agent({
        connections: Math.min(this.config.connectionPoolSize, this.config.maxConcurrentRequests),
        keepAliveTimeout: KEEP_ALIVE_MS,
        keepAliveMaxTimeout: 10 * KEEP_ALIVE_MS,
      }),
      fetch,
    }));
    return this.transport;
  }

  private requireToken(tenant: Tenant): string {
    const token = tenant.token;
    if (!token) throw new ConfigurationError(MISSING_TOKEN_MESSAGE);
    const problem = tokenProblem(token);
    if (problem) throw new ConfigurationError(problem);
    return token;
  }

  private secrets(tenant: Tenant): string[] {
    const secrets = secretsOf(this.config);
    return tenant.token && tenant.token.length >= 4 ? [...secrets, tenant.token] : secrets;
  }

  private buildUrl(path: string, query: HttpRequestOptions['query']): URL {
    const url = new URL(`${this.config.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) url.searchParams.append(key, String(item));
    }
    return url;
  }

  private async execute(tenant: Tenant, method: string, url: URL, options: HttpRequestOptions, signal: AbortSignal | undefined): Promise<JsonObject> {
    const token = this.requireToken(tenant);
    // The part below the base URL, for logs and messages: `/bugs?filter_test_cycle_ids=5`.
    const basePath = new URL(this.config.baseUrl).pathname.replace(/\/+$/, '');
    const path = `${url.pathname.slice(basePath.length) || '/'}${url.search}`;
    const maxAttempts = Math.max(1, Math.min(options.maxAttempts ?? this.policy.maxAttempts, this.policy.maxAttempts));
    const started = Date.now();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    for (let attempt = 1; ; attempt += 1) {
      // The limit wraps the attempt only: backoff sleeps hold no slot.
      const outcome = await raceAbort(
        this.limit(() => this.attemptOnce(tenant, method, url, path, token, body, signal, attempt)),
        signal,
      );
      if (outcome.kind === 'ok') return outcome.data;
      const label: RequestLabel = { method, path, attempts: attempt, secrets: this.secrets(tenant) };
      const delay = this.retryDelay(method, outcome, attempt);
      const elapsed = Date.now() - started;
      if (delay === undefined || attempt >= maxAttempts || elapsed + delay >= this.policy.budgetMs) {
        const error = this.toError(outcome, label, url);
        // Worth an operator's attention: the API is failing, not the caller's input.
        if (delay !== undefined) {
          this.logger.warning('TestIO API request gave up', { method, path: this.redact(path, tenant), attempts: attempt, kind: error.toolErrorKind, elapsedMs: elapsed });
        }
        throw error;
      }
      this.logger.debug('TestIO API retry scheduled', { method, path: this.redact(path, tenant), attempt, delayMs: delay });
      await sleep(delay, signal);
    }
  }

  /** Milliseconds to wait before the next attempt, or undefined when this outcome is final. */
  private retryDelay(method: string, outcome: Outcome, attempt: number): number | undefined {
    const isRead = method === 'GET';
    switch (outcome.kind) {
      case 'status': {
        const retryable = isRead ? RETRYABLE_STATUSES : RETRYABLE_WRITE_STATUSES;
        if (!retryable.has(outcome.status)) return undefined;
        return outcome.retryAfterMs ?? backoffDelay(attempt, this.policy, this.random);
      }
      case 'timeout':
        return isRead ? backoffDelay(attempt, this.policy, this.random) : undefined;
      case 'network': {
        const code = networkCode(outcome.cause);
        const retryable = isRead || (code !== undefined && NOT_SENT_CODES.has(code));
        return retryable ? backoffDelay(attempt, this.policy, this.random) : undefined;
      }
      default:
        return undefined;
    }
  }

  private async attemptOnce(
    tenant: Tenant,
    method: string,
    url: URL,
    path: string,
    token: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<Outcome> {
    // Cancelled while queued behind the limit: do not start.
    if (signal?.aborted) throw cancelledError();
    this.attempts += 1;
    tenant.attempts += 1;
    const timeout = AbortSignal.timeout(this.config.httpTimeoutSeconds * 1000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const started = performance.now();
    const log = (status: number | string) =>
      this.logger.debug('TestIO API request', {
        method,
        path: this.redact(path, tenant),
        status,
        attempt,
        durationMs: Math.round(performance.now() - started),
      });
    try {
      const { agent, fetch } = await this.loadTransport();
      const response = await fetch(url, {
        method,
        headers: {
          Authorization: `Token ${token}`,
          Accept: 'application/json',
          'User-Agent': 'testio-mcp',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body,
        signal: combined,
        dispatcher: agent,
      });
      // fetch follows redirects and drops the token when one leaves the origin: whatever answers
      // there (a 401, a login page) says nothing about the token, so say where we were sent.
      const landed = new URL(response.url || url.href).origin;
      if (landed !== url.origin) {
        await response.body?.cancel().catch(() => undefined);
        log(`redirected to ${landed}`);
        return { kind: 'redirected', origin: landed };
      }
      // Bodies are read inside the concurrency limit, so at most that many are held at once.
      const read = await readCappedText(response, response.ok ? this.config.maxResponseMb * 1024 * 1024 : ERROR_BODY_BYTES);
      log(response.status);
      if (!response.ok) {
        const body = read.kind === 'text' ? read.text : '';
        return { kind: 'status', status: response.status, body, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
      }
      if (read.kind === 'too_large') {
        this.logger.warning('TestIO API answer abandoned: larger than MAX_RESPONSE_MB', { method, path: this.redact(path, tenant), maxResponseMb: this.config.maxResponseMb });
        return { kind: 'too_large' };
      }
      return this.parseBody(method, response.status, read.text);
    } catch (error) {
      if (signal?.aborted) throw cancelledError();
      if (timeout.aborted) {
        log('timeout');
        return { kind: 'timeout' };
      }
      log(`network error ${networkCode(error) ?? ''}`.trim());
      return { kind: 'network', cause: error };
    }
  }

  private parseBody(method: string, status: number, text: string): Outcome {
    // Writes such as launch may answer with no body at all.
    if (text.trim() === '' && method !== 'GET') return { kind: 'ok', data: {} };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { kind: 'invalid', status, body: text, reason: text.trim() === '' ? 'an empty body' : 'text that is not JSON' };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { kind: 'invalid', status, body: text, reason: Array.isArray(parsed) ? 'a JSON array' : `a JSON ${parsed === null ? 'null' : typeof parsed}` };
    }
    return { kind: 'ok', data: parsed as JsonObject };
  }

  private toError(outcome: Exclude<Outcome, { kind: 'ok' }>, label: RequestLabel, url: URL): UpstreamError {
    switch (outcome.kind) {
      case 'status':
        return statusError(outcome.status, outcome.body, label, outcome.retryAfterMs);
      case 'invalid':
        return invalidBodyError(outcome.status, outcome.body, label, outcome.reason);
      case 'timeout':
        return timeoutError(this.config.httpTimeoutSeconds, label);
      case 'network':
        return networkError(url.origin, outcome.cause, label);
      case 'too_large':
        return tooLargeError(this.config.maxResponseMb, label);
      case 'redirected':
        return redirectedError(url.origin, outcome.origin, label);
    }
  }

  private redact(text: string, tenant: Tenant): string {
    return redactText(text, this.secrets(tenant));
  }
}
