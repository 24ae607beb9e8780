import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config';
import { HttpError } from './respond';

/** Decides which origins may call the API, overall (preflight) and per site. */
export interface Access {
  /** Set CORS response headers when the request's origin is allowed for at least one site. */
  applyCors(req: IncomingMessage, res: ServerResponse): void;
  /** Answer an `OPTIONS` preflight. */
  preflight(req: IncomingMessage, res: ServerResponse): void;
  /** Throw 403 unless `site` is known and the request's origin (if any) may use it. */
  checkSite(site: string, req: IncomingMessage): void;
}

/**
 * Build the CORS allowlist from config. Requests without an `Origin` (servers, curl) are not
 * subject to CORS; the site key still has to be known.
 *
 * @example
 * const access = createAccess(config);
 * access.checkSite('demo', req); // throws HttpError(403) for a foreign origin
 */
export function createAccess(config: ServerConfig): Access {
  const sites = config.sites;
  const anyOrigin = !sites || Object.values(sites).some((s) => s.origins.includes('*'));
  const known = new Set(sites ? Object.values(sites).flatMap((s) => s.origins) : []);
  const perSite = new Map(Object.entries(sites ?? {}).map(([k, s]) => [k, new Set(s.origins)]));
  const allowedSomewhere = (origin: string) => anyOrigin || known.has(origin);

  return {
    applyCors(req, res) {
      const origin = req.headers.origin;
      if (!origin || !allowedSomewhere(origin)) return;
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'ETag, Retry-After');
    },
    preflight(req, res) {
      const origin = req.headers.origin;
      if (origin && !allowedSomewhere(origin)) {
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end('Origin not allowed');
        return;
      }
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': 'Content-Type, Authorization, If-None-Match',
        'access-control-max-age': '600',
      });
      res.end();
    },
    checkSite(site, req) {
      if (!sites) return;
      const origins = perSite.get(site);
      if (!origins) throw new HttpError(403, `Unknown site "${site}": it is not in the server's --sites list.`, 'site');
      const origin = req.headers.origin;
      if (origin && !origins.has('*') && !origins.has(origin)) {
        throw new HttpError(403, `Origin ${origin} is not allowed for site "${site}".`, 'origin');
      }
    },
  };
}
