/**
 * Protocol hygiene of the 2025-11-25 Streamable HTTP transport, before anything else runs:
 * Host (DNS-rebinding protection, the SDK's hostHeaderValidation), Origin (403), CORS only for
 * the configured origins, and a plain 404 on OAuth discovery so clients do not try OAuth.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { hostHeaderValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import { sendRpcError } from './rpc-errors.js';

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];

export const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.includes(host) || host.startsWith('127.');

export interface HygieneOptions {
  /** Bound address. */
  host: string;
  allowedHosts?: string[];
  allowedOrigins?: string[];
  publicUrl?: string;
}

/** MCP_ALLOWED_HOSTS; else the loopback names plus the bound and public host names; undefined: no check (wildcard bind, nothing configured). */
export function allowedHostNames(options: HygieneOptions): string[] | undefined {
  if (options.allowedHosts?.length) return options.allowedHosts;
  const names = new Set(LOOPBACK_HOSTS);
  const wildcard = options.host === '0.0.0.0' || options.host === '::';
  if (!wildcard) names.add(options.host.includes(':') ? `[${options.host}]` : options.host);
  if (options.publicUrl) names.add(new URL(options.publicUrl).hostname);
  return wildcard && !options.publicUrl ? undefined : [...names];
}

export function hostCheck(options: HygieneOptions): RequestHandler {
  const names = allowedHostNames(options);
  return names ? (hostHeaderValidation(names) as RequestHandler) : (_req, _res, next) => next();
}

/** Browsers send Origin; a request without one (a desktop client, curl) is not a browser attack. */
export function originCheck(options: HygieneOptions): RequestHandler {
  const allowed = new Set(options.allowedOrigins ?? []);
  if (options.publicUrl) allowed.add(new URL(options.publicUrl).origin);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin === undefined || allowed.has(origin)) return next();
    sendRpcError(res, 403, `Forbidden: Origin ${origin} is not allowed. Add it to MCP_ALLOWED_ORIGINS.`, { code: -32000 });
  };
}

export function cors(options: HygieneOptions): RequestHandler {
  const allowed = new Set(options.allowedOrigins ?? []);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id, Retry-After');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept, Authorization, X-API-Key, X-TestIO-Token, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

export const noOAuthDiscovery: RequestHandler = (_req, res) => {
  res.status(404).type('text/plain').send('Not found');
};
