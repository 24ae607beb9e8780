import type { AppContext } from '../app-context';
import type { Route } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import { adjustPoints, earnPoints, exchangePoints, getPoints } from './points.handlers';

/**
 * Points, per identified customer; all server-to-server with the secret key. Every movement is a
 * ledger row; the balance never goes below zero.
 * - `POST /v1/points/earn` `{ site, customer, order: { id, value }, points? }` → `201 { earned, balance }`
 *   (`200 { duplicate: true }` for an order already credited).
 * - `POST /v1/points/exchange` `{ site, customer, campaign }` → `201 { code, spent, balance }` or
 *   `409 { reason: insufficient_points | … }`.
 * - `POST /v1/points/adjust` `{ site, customer, delta, reason, ref }` → `201 { balance }` (a refund, a
 *   goodwill credit), once per reason + ref; `409 insufficient_points` below zero.
 * - `GET /v1/points/:customer?site=` → `{ balance, movements }`.
 */
export function pointsRoutes(app: AppContext, promotions: Promotions): Route[] {
  return [
    { method: 'POST', path: '/v1/points/earn', handler: earnPoints(app, promotions) },
    { method: 'POST', path: '/v1/points/exchange', handler: exchangePoints(app, promotions) },
    { method: 'POST', path: '/v1/points/adjust', handler: adjustPoints(app, promotions) },
    { method: 'GET', path: '/v1/points/:customer', handler: getPoints(app, promotions) },
  ];
}
