import type { Route } from '../http/router';
import { requireAdmin, siteParam } from '../http/auth';
import { sendCached } from '../http/etag';
import { sendJson } from '../http/respond';
import type { AppContext } from '../app-context';
import type { ModelService } from './model-service';

/**
 * Learned models.
 * - `GET /v1/model?site=` → the whole `ModelPayload` (ETag = `"<version>"`, `304` on match,
 *   cached publicly for a minute and served stale while revalidating).
 * - `GET /v1/model/items/:id?site=` → one item's slice `{ version, item, alsoViewed,
 *   boughtTogether, cartedTogether, next }` for pages that need a single product.
 * - `POST /v1/admin/model/rebuild?site=` (admin key) → rebuild now, answer its freshness.
 */
export function modelRoutes(app: AppContext, models: ModelService): Route[] {
  const cache = 'public, max-age=60, stale-while-revalidate=600';
  return [
    {
      method: 'GET',
      path: '/v1/model',
      handler: async ({ req, res, url }) => {
        const model = await models.get(siteParam(app, req, url));
        await sendCached(req, res, model.json, cache, model.etag);
      },
    },
    {
      method: 'GET',
      path: '/v1/model/items/:id',
      handler: async ({ req, res, url, params }) => {
        const { payload } = await models.get(siteParam(app, req, url));
        const id = params.id!;
        const slice = {
          version: payload.version,
          item: id,
          alsoViewed: payload.alsoViewed[id] ?? [],
          boughtTogether: payload.boughtTogether[id] ?? [],
          cartedTogether: payload.cartedTogether[id] ?? [],
          next: payload.next[id] ?? [],
        };
        await sendCached(req, res, JSON.stringify(slice), cache);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/model/rebuild',
      handler: async ({ req, res, url }) => {
        requireAdmin(app, req);
        const site = siteParam(app, req, url);
        await models.rebuild(site);
        sendJson(res, 200, models.freshness(site));
      },
    },
  ];
}
