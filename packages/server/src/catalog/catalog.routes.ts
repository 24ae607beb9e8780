import * as v from 'valibot';
import type { Route } from '../http/router';
import { requireAdmin, siteParam } from '../http/auth';
import { sendCached } from '../http/etag';
import { readText } from '../http/body';
import { HttpError, sendJson } from '../http/respond';
import type { AppContext } from '../app-context';
import { catalogFormat, parseCatalog } from './catalog-import';

const MAX_PAGE = 500;
const PageQuery = v.object({
  offset: v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'expected a non-negative integer')),
  limit: v.pipe(v.string(), v.regex(/^\d{1,3}$/, `expected an integer 1–${MAX_PAGE}`)),
});

/**
 * Catalog endpoints.
 * - `GET /v1/catalog?site=&category=&offset=0&limit=100` → `{ items, total, offset, limit }`,
 *   ordered by id, with ETag / `304` and a one-minute public cache.
 * - `POST /v1/admin/catalog?site=` (admin key) with a JSON array / `{ products }` or `text/csv`
 *   body → `200 { imported, rejected: [{ index, field, error }] }`; fields missing from a product
 *   keep their stored value.
 */
export function catalogRoutes(app: AppContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/catalog',
      handler: async ({ req, res, url }) => {
        const site = siteParam(app, req, url);
        const query = v.safeParse(PageQuery, { offset: url.searchParams.get('offset') ?? '0', limit: url.searchParams.get('limit') ?? '100' });
        if (!query.success) throw new HttpError(400, `${v.getDotPath(query.issues[0])}: ${query.issues[0].message}`, v.getDotPath(query.issues[0]) ?? 'query');
        const offset = Number(query.output.offset);
        const limit = Number(query.output.limit);
        if (limit < 1 || limit > MAX_PAGE) throw new HttpError(400, `limit: expected an integer 1–${MAX_PAGE}`, 'limit');
        const category = url.searchParams.get('category') ?? undefined;
        const page = await app.storage.listProducts(site, { category, offset, limit });
        await sendCached(req, res, JSON.stringify({ ...page, offset, limit }), 'public, max-age=60');
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/catalog',
      handler: async ({ req, res, url }) => {
        requireAdmin(app, req);
        const site = siteParam(app, req, url);
        const type = req.headers['content-type'] ?? '';
        if (!/^(application\/json|text\/csv|text\/plain)/i.test(type)) {
          throw new HttpError(415, 'Send the catalog as application/json or text/csv.', 'content-type');
        }
        const text = await readText(req, app.config.maxCatalogBytes);
        let parsed;
        try {
          parsed = parseCatalog(text, catalogFormat(type));
        } catch (error) {
          throw new HttpError(400, (error as Error).message, 'body');
        }
        const imported = await app.storage.upsertProducts(site, parsed.products);
        sendJson(res, 200, { imported, rejected: parsed.rejected });
      },
    },
  ];
}
