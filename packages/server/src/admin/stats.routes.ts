import type { Route } from '../http/router';
import { requireAdmin, siteParam } from '../http/auth';
import { sendJson } from '../http/respond';
import type { AppContext } from '../app-context';
import type { ModelService } from '../model/model-service';
import type { Promotions } from '../promotions/promotions';

/**
 * `GET /v1/admin/stats?site=` (admin key) → `{ events, eventsByType, eventsByChannel, visitors,
 * customers, products, profiles, lastEventAt, funnel: { viewers, carters, checkouts, buyers },
 * rfmSegments, promotions: { couponsClaimed, couponHolders, couponsRedeemed, pointsAwarded,
 * pointsSpent, pointsCustomers } | null, model: { builtAt, rebuiltAt, events, durationMs, source,
 * version } | null }`. Visitors linked to one customer count once.
 */
export function statsRoutes(app: AppContext, models: ModelService, promotions?: Promotions): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/admin/stats',
      handler: async ({ req, res, url }) => {
        requireAdmin(app, req);
        const site = siteParam(app, req, url);
        const [stats, promo] = await Promise.all([app.storage.stats(site), promotions?.store.promotionStats(site)]);
        sendJson(res, 200, { ...stats, promotions: promo ?? null, model: models.freshness(site) ?? null }, { 'cache-control': 'no-store' });
      },
    },
  ];
}
