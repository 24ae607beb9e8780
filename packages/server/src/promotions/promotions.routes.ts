import type { AppContext } from '../app-context';
import type { Route } from '../http/router';
import { campaignsRoutes } from '../campaigns/campaigns.routes';
import { couponsRoutes } from '../coupons/coupons.routes';
import { flashSalesRoutes } from '../flash-sales/flash-sales.routes';
import { pointsRoutes } from '../points/points.routes';
import type { Promotions } from './promotions';

/**
 * Every promotion endpoint (campaigns, coupons, flash sales, points) over one {@link Promotions}.
 *
 * @example
 * createRouter([...healthRoutes(app), ...promotionsRoutes(app, promotions)]);
 */
export function promotionsRoutes(app: AppContext, promotions: Promotions): Route[] {
  const routes = [...campaignsRoutes(app, promotions), ...couponsRoutes(app, promotions), ...flashSalesRoutes(app, promotions), ...pointsRoutes(app, promotions)];
  // Set before the handler runs so refusals thrown as HttpError (400, 401, 413…) carry it too.
  return routes.map((r) => ({
    ...r,
    handler: (ctx) => {
      ctx.res.setHeader('x-server-time', String(promotions.now()));
      return r.handler(ctx);
    },
  }));
}
