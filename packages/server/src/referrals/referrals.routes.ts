import type { AppContext } from '../app-context';
import type { Route } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import { withPromotionClock } from '../promotions/promotions.routes';
import { claimGroup, getGroup, joinGroup, putGroupOffers } from '../group-offers/group-offers.handlers';
import { createReferralRewards } from './referral-rewards';
import { createLink, land, listClaims, putPrograms, reward, type ReferralContext } from './referrals.handlers';

/**
 * Share links, referral rewards and group offers over the promotions (coupon issuing, ledger,
 * clock). The store opens (and migrates) on first use, through `app.referralRewards` when the
 * app has them (so the coupon redemption and these endpoints share it).
 * - `POST /v1/referrals/link` → `{ token }`; `POST /v1/referrals/land` → `{ welcome }`;
 *   `POST /v1/referrals/reward` (secret key) → `{ reward }`
 * - `POST /v1/group-offers/:id/join`, `GET /v1/group-offers/:id`, `POST /v1/group-offers/:id/claim`
 * - `PUT /v1/admin/referrals`, `GET /v1/admin/referrals/:program/claims`, `PUT /v1/admin/group-offers`
 *
 * @example
 * createRouter([...referralRoutes(app, promotions)]);
 */
export function referralRoutes(app: AppContext, promotions: Promotions): Route[] {
  // The app's rewards share their store with the coupon redemption, which rewards sharers too.
  const rewards = app.referralRewards ?? createReferralRewards(promotions);
  const c: ReferralContext = { app, promotions, store: rewards.store, rewards };
  const routes: Route[] = [
    { method: 'POST', path: '/v1/referrals/link', handler: createLink(c) },
    { method: 'POST', path: '/v1/referrals/land', handler: land(c) },
    { method: 'POST', path: '/v1/referrals/reward', handler: reward(c) },
    { method: 'PUT', path: '/v1/admin/referrals', handler: putPrograms(c) },
    { method: 'GET', path: '/v1/admin/referrals/:program/claims', handler: listClaims(c) },
    { method: 'POST', path: '/v1/group-offers/:id/join', handler: joinGroup(c) },
    { method: 'GET', path: '/v1/group-offers/:id', handler: getGroup(c) },
    { method: 'POST', path: '/v1/group-offers/:id/claim', handler: claimGroup(c) },
    { method: 'PUT', path: '/v1/admin/group-offers', handler: putGroupOffers(c) },
  ];
  // Writes queue on one row each (a link's claims, a round), like the other promotion writes.
  return withPromotionClock(routes, promotions);
}
