import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler receives besides the raw request and response. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** `:name` segments of the matched pattern. */
  params: Record<string, string>;
}

/** Answers one request; throw an `HttpError` for 4xx/5xx. */
export type RouteHandler = (ctx: RouteContext) => Promise<void> | void;

/** One endpoint: method, pattern with `:param` segments, handler. */
export interface Route {
  method: string;
  path: string;
  handler: RouteHandler;
}

/** Result of {@link Router.match}. */
export type Match =
  | { kind: 'found'; handler: RouteHandler; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** A tiny router: exact paths in a map (the hot ingest path is one lookup), patterns scanned. */
export interface Router {
  match(method: string, pathname: string): Match;
}

/**
 * Build a router from routes.
 *
 * @example
 * const router = createRouter([{ method: 'GET', path: '/v1/health', handler }]);
 * router.match('GET', '/v1/health'); // { kind: 'found', … }
 */
export function createRouter(routes: readonly Route[]): Router {
  const exact = new Map<string, Map<string, RouteHandler>>();
  const patterns: { method: string; segments: string[]; handler: RouteHandler }[] = [];
  for (const r of routes) {
    if (r.path.includes(':')) patterns.push({ method: r.method, segments: r.path.split('/'), handler: r.handler });
    else {
      const byMethod = exact.get(r.path) ?? new Map<string, RouteHandler>();
      byMethod.set(r.method, r.handler);
      exact.set(r.path, byMethod);
    }
  }
  return {
    match(method, pathname) {
      const byMethod = exact.get(pathname);
      if (byMethod) {
        const handler = byMethod.get(method);
        return handler ? { kind: 'found', handler, params: {} } : { kind: 'method-not-allowed', allow: [...byMethod.keys()] };
      }
      const parts = pathname.split('/');
      const allow: string[] = [];
      for (const p of patterns) {
        const params = matchSegments(p.segments, parts);
        if (!params) continue;
        if (p.method === method) return { kind: 'found', handler: p.handler, params };
        allow.push(p.method);
      }
      return allow.length ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
    },
  };
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i]!;
    if (seg.startsWith(':')) {
      if (!parts[i]) return undefined;
      try {
        params[seg.slice(1)] = decodeURIComponent(parts[i]!);
      } catch {
        return undefined;
      }
    } else if (seg !== parts[i]) return undefined;
  }
  return params;
}
