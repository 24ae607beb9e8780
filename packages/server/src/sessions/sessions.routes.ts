import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../app-context';
import { requireAdmin, siteParam } from '../http/auth';
import { sendJson } from '../http/respond';
import type { Route } from '../http/router';
import type { BuiltSessionIndex, SessionsService } from './sessions-service';

/** Browsers refetch at most every 10 minutes; a stale copy stays usable for a day while revalidating. */
const CACHE = 'public, max-age=600, stale-while-revalidate=86400';

/**
 * The `next` strategy's session index.
 * - `GET /v1/sessions?site=` → `SessionIndexPayload` `{ v: 1, items, sessions, ends }` of the most
 *   recent sessions (ETag = content hash, `304` on match, gzip when accepted).
 * - `POST /v1/admin/sessions/rebuild?site=` (admin key) → rebuild now, answer its size.
 */
export function sessionsRoutes(app: AppContext, sessions: SessionsService): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/sessions',
      handler: async ({ req, res, url }) => {
        sendIndex(req, res, await sessions.get(siteParam(app, req, url)));
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sessions/rebuild',
      handler: async ({ req, res, url }) => {
        requireAdmin(app, req);
        const built = await sessions.rebuild(siteParam(app, req, url));
        sendJson(res, 200, {
          sessions: built.sessions,
          items: built.items,
          bytes: Buffer.byteLength(built.json),
          gzipBytes: built.gzipped.length,
          builtAt: built.builtAt,
          durationMs: built.durationMs,
        });
      },
    },
  ];
}

// The index is the largest answer the server gives (tens of KB gzipped), and the server has no
// general compression layer, so the gzip made at build time is sent when the client accepts it.
// `sendCached` cannot say `Vary: Accept-Encoding`, hence this variant of it.
function sendIndex(req: IncomingMessage, res: ServerResponse, built: BuiltSessionIndex): void {
  const headers = { etag: built.etag, 'cache-control': CACHE, vary: 'Origin, Accept-Encoding' };
  const match = req.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim() === built.etag || t.trim() === `W/${built.etag}`)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? built.gzipped : built.json;
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
