import type { AppContext } from '../app-context';
import type { Route } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import { claimCoupon, redeemCoupon } from './coupons.handlers';

/**
 * Coupons.
 * - `POST /v1/coupons/claim` `{ site, visitor, campaign, channel? }` → `201 { code, expiresAt, discount, … }`
 *   (`200` with `existing: true` for a still-valid code); `403`/`404`/`409 { reason }` otherwise.
 * - `POST /v1/coupons/redeem` (secret key, `Idempotency-Key`) `{ site, code, visitor | customer, order, discount? }`
 *   → `200 { valid: true, discount }` or `422 { valid: false, reason }`.
 */
export function couponsRoutes(app: AppContext, promotions: Promotions): Route[] {
  return [
    { method: 'POST', path: '/v1/coupons/claim', handler: claimCoupon(app, promotions) },
    { method: 'POST', path: '/v1/coupons/redeem', handler: redeemCoupon(app, promotions) },
  ];
}
