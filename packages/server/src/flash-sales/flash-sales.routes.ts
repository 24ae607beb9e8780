import type { AppContext } from '../app-context';
import type { Route } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import { claimFlashSale, completeFlashSale, getFlashSale } from './flash-sales.handlers';

/**
 * Flash sales. Every answer carries `serverTime` (and `X-Server-Time`).
 * - `GET /v1/flash-sales/:id?site=&visitor=` → `200 { sale, reservations }`.
 * - `POST /v1/flash-sales/:id/claim` `{ site, visitor }` → `201 { reservation, remaining }`, or
 *   `409 { reason: sold_out | limit_reached | not_started | ended }`, `403 not_eligible`, `404`.
 * - `POST /v1/flash-sales/:id/complete` (secret key) `{ site, reservation, order: { id } }`.
 */
export function flashSalesRoutes(app: AppContext, promotions: Promotions): Route[] {
  return [
    { method: 'GET', path: '/v1/flash-sales/:id', handler: getFlashSale(app, promotions) },
    { method: 'POST', path: '/v1/flash-sales/:id/claim', handler: claimFlashSale(app, promotions) },
    { method: 'POST', path: '/v1/flash-sales/:id/complete', handler: completeFlashSale(app, promotions) },
  ];
}
