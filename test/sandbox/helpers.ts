/** Plain fetch helpers for the sandbox tests: real HTTP, no project client in between. */
import type { SandboxHandle } from '../../src/sandbox/index.js';

export interface JsonAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export function apiClient(sandbox: SandboxHandle) {
  async function call<T = Record<string, unknown>>(method: string, path: string, options: { body?: unknown; token?: string | null } = {}): Promise<JsonAnswer<T>> {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? sandbox.token : options.token;
    if (token !== null) headers.Authorization = `Token ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${sandbox.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    expect(response.headers.get('content-type')).toContain('application/json');
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as T };
  }
  return {
    get: <T = Record<string, unknown>>(path: string, options?: { token?: string | null }) => call<T>('GET', path, options),
    put: <T = Record<string, unknown>>(path: string, body?: unknown) => call<T>('PUT', path, { body }),
    post: <T = Record<string, unknown>>(path: string, body?: unknown) => call<T>('POST', path, { body }),
  };
}

/** Raw fetch against the sandbox root (demo site and /__sandbox endpoints). */
export function rootFetch(sandbox: SandboxHandle, path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${sandbox.url}${path}`, { redirect: 'manual', ...init });
}

export function form(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}
