import type { AppContext } from '../app-context';
import { requireAdmin, siteParam } from '../http/auth';
import { compress } from '../http/compress';
import { sendCached } from '../http/etag';
import { sendJson } from '../http/respond';
import type { Route } from '../http/router';
import type { SessionsService } from './sessions-service';

/** Browsers refetch at most every 10 minutes; a stale copy stays usable for a day while revalidating. */
const CACHE = 'public, max-age=600, stale-while-revalidate=86400';

/**
 * The `next` strategy's session index.
 * - `GET /v1/sessions?site=` → `SessionIndexPayload` `{ v: 1, items, sessions, ends }` of the most
 *   recent sessions (ETag = content hash, `304` on match, brotli or gzip when accepted).
 * - `POST /v1/admin/sessions/rebuild?site=` (admin key) → rebuild now, answer its size.
 */
export function sessionsRoutes(app: AppContext, sessions: SessionsService): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/sessions',
      handler: async ({ req, res, url }) => {
        const built = await sessions.get(siteParam(app, req, url));
        await sendCached(req, res, built.json, CACHE, built.etag);
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
          gzipBytes: (await compress('gzip', built.json)).length,
          builtAt: built.builtAt,
          durationMs: built.durationMs,
        });
      },
    },
  ];
}
