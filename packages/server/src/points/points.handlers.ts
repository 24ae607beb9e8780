import * as v from 'valibot';
import type { AppContext } from '../app-context';
import { readJson } from '../http/body';
import type { RouteContext } from '../http/router';
import { CAP_ERRORS, couponBody, issueRequest, whyNotIssuable } from '../coupons/issue';
import type { Promotions } from '../promotions/promotions';
import { answer, parseBody, refuse, requireSecret, SiteKey, siteParam } from '../promotions/respond';

const Customer = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const EarnSchema = v.object({
  site: SiteKey,
  customer: Customer,
  order: v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)), value: v.pipe(v.number(), v.finite(), v.minValue(0)) }),
  /** Points to add; default one per whole currency unit of the order value. */
  points: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e9))),
});
const AdjustSchema = v.object({
  site: SiteKey,
  customer: Customer,
  delta: v.pipe(v.number(), v.integer(), v.minValue(-1e9), v.maxValue(1e9), v.check((n) => n !== 0, 'delta must not be 0')),
  /** Why: `refund`, `goodwill`, `expiry`…; with `ref`, the key that makes a retried adjustment count once. */
  reason: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'expected a lower-case word such as "refund"'), v.check((r) => r !== 'purchase' && r !== 'exchange', 'purchase and exchange are recorded by their own endpoints')),
  ref: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
});
const ExchangeSchema = v.object({ site: SiteKey, customer: Customer, campaign: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

/** `POST /v1/points/earn` (secret key): credit a purchase once per order id. */
export function earnPoints(app: AppContext, p: Promotions) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), 'Earning points');
    const body = parseBody(EarnSchema, await readJson(req, app.config.maxBodyBytes));
    const now = p.now();
    const points = body.points ?? Math.floor(body.order.value);
    const outcome = await p.store.movePoints(body.site, body.customer, points, 'purchase', body.order.id, now);
    // Earning never lowers a balance, so it cannot be refused.
    if (!outcome.ok) throw new Error('earning points was refused');
    answer(res, outcome.duplicate ? 200 : 201, now, { customer: body.customer, earned: outcome.duplicate ? 0 : points, balance: outcome.balance, duplicate: outcome.duplicate });
  };
}

/**
 * `POST /v1/points/adjust` (secret key): a manual movement (a refunded order, a goodwill gesture),
 * once per `reason` + `ref`; refused when it would take the balance below zero.
 */
export function adjustPoints(app: AppContext, p: Promotions) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), 'Adjusting points');
    const body = parseBody(AdjustSchema, await readJson(req, app.config.maxBodyBytes));
    const now = p.now();
    const outcome = await p.store.movePoints(body.site, body.customer, body.delta, body.reason, body.ref, now);
    if (!outcome.ok) return refuse(res, 409, now, outcome.reason, `Taking ${-body.delta} points would leave ${outcome.balance + body.delta}; balances never go below zero.`, { balance: outcome.balance });
    answer(res, outcome.duplicate ? 200 : 201, now, { customer: body.customer, balance: outcome.balance, duplicate: outcome.duplicate });
  };
}

/**
 * `POST /v1/points/exchange` (secret key; the merchant's server has authenticated the customer):
 * spend a `points_exchange` campaign's cost for a code bound to the customer, atomically.
 */
export function exchangePoints(app: AppContext, p: Promotions) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), 'Exchanging points');
    const body = parseBody(ExchangeSchema, await readJson(req, app.config.maxBodyBytes));
    const now = p.now();
    const campaign = await p.store.getCampaign(body.site, body.campaign);
    if (!campaign) return refuse(res, 404, now, 'unknown_campaign', `No campaign "${body.campaign}" on site "${body.site}".`);
    if (campaign.kind !== 'points_exchange' || campaign.pointsCost === undefined) {
      return refuse(res, 409, now, 'not_points_exchange', `Campaign "${campaign.id}" is not exchanged for points.`);
    }
    const refusal = await whyNotIssuable(p, body.site, campaign, undefined, 'web');
    if (refusal && refusal.reason !== 'wrong_channel') return refuse(res, refusal.status, now, refusal.reason, refusal.error);
    const outcome = await p.store.exchangePoints(body.site, body.customer, campaign.pointsCost, issueRequest(p, body.site, campaign, `c:${body.customer}`));
    if (!outcome.ok) {
      const error = outcome.reason === 'insufficient_points' ? `Needs ${campaign.pointsCost} points; the balance is ${outcome.balance}.` : CAP_ERRORS[outcome.reason]!;
      return refuse(res, 409, now, outcome.reason, error, { balance: outcome.balance });
    }
    answer(res, outcome.existing ? 200 : 201, now, { ...couponBody(campaign, outcome.coupon, outcome.existing), spent: outcome.existing ? 0 : campaign.pointsCost, balance: outcome.balance });
  };
}

/** `GET /v1/points/:customer?site=&limit=` (secret key): balance and the latest movements, newest first. */
export function getPoints(app: AppContext, p: Promotions) {
  return async ({ req, res, url, params }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), 'Reading a points balance');
    const site = siteParam(url);
    const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
    const ledger = await p.store.points(site, params.customer!, limit);
    answer(res, 200, p.now(), { customer: params.customer, ...ledger });
  };
}
