import type { AppContext } from '../app-context';
import type { Route, RouteContext } from '../http/router';
import { campaignsRoutes } from '../campaigns/campaigns.routes';
import { couponsRoutes } from '../coupons/coupons.routes';
import { flashSalesRoutes } from '../flash-sales/flash-sales.routes';
import { pointsRoutes } from '../points/points.routes';
import { bounded } from '../http/in-flight';
import type { Promotions } from './promotions';

/**
 * Every promotion endpoint (campaigns, coupons, flash sales, points) over one {@link Promotions}.
 *
 * @example
 * createRouter([...healthRoutes(app), ...promotionsRoutes(app, promotions)]);
 */
export function promotionsRoutes(app: AppContext, promotions: Promotions): Route[] {
  const routes = [...campaignsRoutes(app, promotions), ...couponsRoutes(app, promotions), ...flashSalesRoutes(app, promotions), ...pointsRoutes(app, promotions)];
  return withPromotionClock(routes, promotions);
}

/** Promotion writes handled at once per process, per endpoint. */
const WRITES_IN_FLIGHT = 8;

/**
 * Routes over the promotions as every promotion endpoint serves them: each answer carries the
 * server's clock (`x-server-time`, for countdowns), and each POST (a claim, redemption, point move
 * or referral write: a transaction on one row) runs at most {@link WRITES_IN_FLIGHT} at once per
 * process, so the pool's pipelines stay shallow (see `bounded`).
 *
 * @example
 * return withPromotionClock([{ method: 'POST', path: '/v1/referrals/land', handler: land(c) }], promotions);
 */
export function withPromotionClock(routes: Route[], promotions: Promotions): Route[] {
  return routes.map((r) => {
    const handler = r.method === 'POST' ? bounded(WRITES_IN_FLIGHT, async (ctx: RouteContext) => r.handler(ctx)) : r.handler;
    return {
      ...r,
      // Set before the handler runs so refusals thrown as HttpError (400, 401, 413…) carry it too.
      handler: (ctx) => {
        ctx.res.setHeader('x-server-time', String(promotions.now()));
        return handler(ctx);
      },
    };
  });
}
