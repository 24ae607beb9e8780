import type { AppContext } from '../app-context';
import type { Route } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import { drawLottery, getLottery, listDraws, putLotteries, type LotteryContext } from './lottery.handlers';
import { openLotteryStore } from './open-lottery-store';
import { bounded } from '../http/in-flight';

/** Draws handled at once per process; more wait in memory. */
const DRAWS_IN_FLIGHT = 8;
import type { LotteryStore } from './lottery-store';

/**
 * Points lotteries over the promotions (their ledger, coupon issuing and clock). The lottery
 * store opens (and migrates) on first use, so `createApp` stays synchronous.
 * - `GET /v1/lotteries/:id?site=[&customer=&signature=]` → `{ lottery: { cost, prizes: [{ weight, stock, remaining, odds }] }, balance? }`
 * - `POST /v1/lotteries/:id/draw` `{ site, customer, signature?, idempotencyKey }` → `201 { draw, spent, balance, lottery }`,
 *   `200` replay, `409 insufficient_points / sold_out / idempotency_key_reused`, `401`, `404 unknown_lottery`
 * - `PUT /v1/admin/lotteries?site=`, `GET /v1/admin/lotteries/:id/draws?site=` (secret key)
 *
 * @example
 * createRouter([...lotteryRoutes(app, promotions)]);
 */
export function lotteryRoutes(app: AppContext, promotions: Promotions): Route[] {
  let opening: Promise<LotteryStore> | undefined;
  const store = () => {
    opening ??= openLotteryStore(promotions.storage).catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  const c: LotteryContext = { app, promotions, store };
  const routes: Route[] = [
    { method: 'GET', path: '/v1/lotteries/:id', handler: getLottery(c) },
    // Draws queue on the lottery's row; a few in flight per process keep the pool's pipelines shallow (see bounded).
    { method: 'POST', path: '/v1/lotteries/:id/draw', handler: bounded(DRAWS_IN_FLIGHT, drawLottery(c)) },
    { method: 'PUT', path: '/v1/admin/lotteries', handler: putLotteries(c) },
    { method: 'GET', path: '/v1/admin/lotteries/:id/draws', handler: listDraws(c) },
  ];
  return routes.map((r) => ({
    ...r,
    handler: (ctx) => {
      ctx.res.setHeader('x-server-time', String(promotions.now()));
      return r.handler(ctx);
    },
  }));
}
