import * as v from 'valibot';
import type { Route } from '../http/router';
import { HttpError, sendJson } from '../http/respond';
import type { AppContext } from '../app-context';
import type { Promotions } from '../promotions/promotions';

const VisitorId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

/**
 * `DELETE /v1/visitors/:id?site=…`: erase everything stored about a visitor (the browser's
 * `forget()`): events, profiles, links and, when promotions run, their coupon claims and
 * flash-sale holds. Answers `200 { erased: { events, profiles, links, coupons?, reservations? } }`.
 */
export function visitorsRoutes(app: AppContext, promotions?: Promotions): Route[] {
  return [
    {
      method: 'DELETE',
      path: '/v1/visitors/:id',
      handler: async ({ req, res, url, params }) => {
        const site = url.searchParams.get('site');
        if (!site) throw new HttpError(400, 'The "site" query parameter is required: DELETE /v1/visitors/:id?site=…', 'site');
        if (!v.is(VisitorId, params.id)) throw new HttpError(400, 'Visitor id must be 1–64 characters.', 'id');
        app.access.checkSite(site, req);
        app.limits.checkSite(site);
        const erased = await app.storage.eraseVisitor(site, params.id!);
        const claims = promotions ? await promotions.store.eraseVisitor(site, params.id!) : undefined;
        sendJson(res, 200, { erased: { ...erased, ...claims } });
      },
    },
  ];
}
