/**
 * A tiny method + path router. Patterns look like `/bugs/:id/accept`; a `:param` matches digits
 * only, so `/bugs/abc` is an unknown route (404) rather than a bad id. The pattern string doubles
 * as the stats key (`GET /exploratory_tests/:id`).
 */

export interface RouteRequest {
  params: Record<string, number>;
  query: URLSearchParams;
  /** The parsed JSON body (`{}` when empty). */
  body: Record<string, unknown>;
}

export interface RouteAnswer {
  status?: number;
  body: unknown;
}

export type RouteHandler = (request: RouteRequest) => RouteAnswer;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: RouteHandler;
}

export type RouteMatch =
  | { kind: 'found'; key: string; handler: RouteHandler; params: Record<string, number> }
  | { kind: 'wrong-method'; key: string; allowed: string[] }
  | { kind: 'none'; key: string };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '(\\d+)';
    });
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    let pattern: string | undefined;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        pattern ??= route.pattern;
        continue;
      }
      const params: Record<string, number> = {};
      route.names.forEach((name, i) => (params[name] = Number(m[i + 1])));
      return { kind: 'found', key: `${method} ${route.pattern}`, handler: route.handler, params };
    }
    if (allowed.length > 0) return { kind: 'wrong-method', key: `${method} ${pattern}`, allowed };
    return { kind: 'none', key: `${method} (unmatched)` };
  }
}
