import type { ServerResponse } from 'node:http';
import type { Route } from '../http/router';
import { requireAdmin, siteParam } from '../http/auth';
import { HttpError } from '../http/respond';
import type { AppContext } from '../app-context';
import type { ModelService } from '../model/model-service';
import type { Promotions } from '../promotions/promotions';
import { commerceFunnel, rfmChart, trendingChart } from '../dashboard/insight-charts';

function sendSvg(res: ServerResponse, svg: string): void {
  res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-length': Buffer.byteLength(svg), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(svg);
}

/**
 * Dashboard charts drawn from the server's own state (admin key), as SVG:
 * - `GET /v1/admin/insights/trending?site=` — the served model's trending items;
 * - `GET /v1/admin/insights/rfm?site=` — RFM segments of synced profiles;
 * - `GET /v1/admin/insights/funnel?site=` — browse → cart → coupon claim → purchase →
 *   redemption → points (the coupon and points steps only when promotions are set up).
 */
export function insightsRoutes(app: AppContext, models: ModelService, promotions: Promotions | undefined): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/admin/insights/:name',
      handler: async ({ req, res, url, params }) => {
        requireAdmin(app, req);
        const site = siteParam(app, req, url);
        switch (params.name) {
          case 'trending':
            return sendSvg(res, trendingChart((await models.get(site)).payload.trending));
          case 'rfm':
            return sendSvg(res, rfmChart((await app.storage.stats(site)).rfmSegments));
          case 'funnel': {
            const [stats, promo] = await Promise.all([app.storage.stats(site), promotions?.store.promotionStats(site)]);
            return sendSvg(res, commerceFunnel(stats.funnel, promo ?? null));
          }
          default:
            throw new HttpError(404, `No chart "${params.name}"; insights are trending, rfm and funnel.`, 'name');
        }
      },
    },
  ];
}
