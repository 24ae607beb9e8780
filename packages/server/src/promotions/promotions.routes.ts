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
  return routes.map((r) => {
    // Claims, redemptions and point moves are transactions on one row each: a few in flight
    // per process keep the pool's pipelines shallow (see `bounded`).
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

/** Promotion writes handled at once per process. */
const WRITES_IN_FLIGHT = 8;
