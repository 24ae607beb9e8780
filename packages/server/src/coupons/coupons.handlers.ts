import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { AppContext } from '../app-context';
import { readJson } from '../http/body';
import { HttpError } from '../http/respond';
import type { RouteContext } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import { answer, parseBody, refuse, requireSecret, SiteKey, VisitorId } from '../promotions/respond';
import { parseCouponCode } from './coupon-code';
import { CAP_ERRORS, couponBody, hasPurchased, issueRequest, whyNotIssuable } from './issue';
import { decideRedemption } from './redeem';

const ClaimSchema = v.object({
  site: SiteKey,
  visitor: VisitorId,
  campaign: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  channel: v.optional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/)), 'web'),
});

const Money = v.pipe(v.number(), v.finite(), v.minValue(0));
const RedeemSchema = v.pipe(
  v.object({
    site: SiteKey,
    code: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    visitor: v.optional(VisitorId),
    customer: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
    order: v.object({
      id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
      subtotal: Money,
      shipping: v.optional(Money),
      channel: v.optional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/))),
      items: v.optional(
        v.pipe(
          v.array(v.looseObject({ item_id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), price: v.optional(Money), quantity: v.optional(Money) })),
          v.maxLength(500),
        ),
      ),
    }),
    discount: v.optional(Money),
  }),
  v.check((b) => b.visitor !== undefined || b.customer !== undefined, 'visitor or customer is required: the code is checked against the shopper it was issued to'),
);

/**
 * `POST /v1/coupons/claim` (browser): issue — or hand back — a signed code for this visitor, after
 * the checks the server can make and under the campaign's caps.
 */
export function claimCoupon(app: AppContext, p: Promotions) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    const body = parseBody(ClaimSchema, await readJson(req, app.config.maxBodyBytes));
    app.access.checkSite(body.site, req);
    app.limits.checkSite(body.site);
    const now = p.now();
    const campaign = await p.store.getCampaign(body.site, body.campaign);
    if (!campaign) return refuse(res, 404, now, 'unknown_campaign', `No campaign "${body.campaign}" on site "${body.site}".`);
    if (campaign.kind === 'points_exchange') {
      return refuse(res, 403, now, 'points_required', `Campaign "${campaign.id}" is bought with points through the merchant's server (POST /v1/points/exchange).`);
    }
    const refusal = await whyNotIssuable(p, body.site, campaign, body.visitor, body.channel);
    if (refusal) return refuse(res, refusal.status, now, refusal.reason, refusal.error);
    const outcome = await p.store.issueCoupon(body.site, issueRequest(p, body.site, campaign, `v:${body.visitor}`));
    if (!outcome.ok) return refuse(res, outcome.reason === 'unknown_campaign' ? 404 : 409, now, outcome.reason, CAP_ERRORS[outcome.reason]!);
    answer(res, outcome.existing ? 200 : 201, now, couponBody(campaign, outcome.coupon, outcome.existing));
  };
}

/**
 * `POST /v1/coupons/redeem` (server-to-server, secret key, `Idempotency-Key` header): check the
 * code against the real order and mark it used. `200 { valid: true, discount, … }` or
 * `422 { valid: false, reason, error }`; the same key replays the same answer. When the code was
 * a referral's welcome code, the referral's sharer is rewarded once and the answer adds
 * `referral: { program, rewarded, reason? }` (never the sharer).
 */
export function redeemCoupon(app: AppContext, p: Promotions) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), 'Redeeming a coupon');
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw new HttpError(400, 'The Idempotency-Key header is required (1–200 characters, e.g. your order id): a retried redemption with the same key gets the same answer.', 'idempotency-key');
    }
    const raw = await readJson(req, app.config.maxBodyBytes);
    const body = parseBody(RedeemSchema, raw);
    const hash = createHash('sha256').update(JSON.stringify(raw)).digest('base64url');
    const nonce = parseCouponCode(body.code)?.nonce ?? '';
    const campaignId = parseCouponCode(body.code)?.campaign;
    // Read before the transaction: the decision itself must not wait on other queries.
    const campaign = campaignId ? await p.store.getCampaign(body.site, campaignId) : undefined;
    const boughtBefore = campaign?.kind === 'welcome' && body.visitor !== undefined ? await hasPurchased(p, body.site, body.visitor, body.order.id) : false;
    const now = p.now();
    const outcome = await p.store.redeem(body.site, key, hash, nonce, (coupon) => {
      const d = decideRedemption(coupon, { ...body, now, secret: p.secret, campaign, boughtBefore });
      if (!d.ok) return { answer: { status: 422, body: { valid: false, reason: d.reason, error: d.error } } };
      return {
        answer: { status: 200, body: { valid: true, code: body.code.trim(), campaign: campaign!.id, kind: campaign!.kind, discount: d.discount, freeShipping: d.freeShipping, orderId: body.order.id, redeemedAt: now } },
        redeem: { orderId: body.order.id, at: now },
      };
    });
    if (outcome.kind === 'key_reused') {
      return refuse(res, 409, now, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request; use a new key for a new redemption.');
    }
    // After the redemption committed, and outside it: a failed referral reward never undoes the order's discount.
    // A replay runs it again, which is idempotent and retries a reward that failed.
    const campaignRedeemed = outcome.answer.status === 200 ? outcome.answer.body.campaign : undefined;
    const referral = typeof campaignRedeemed === 'string' ? await app.referralRewards?.afterRedeem(body.site, campaignRedeemed, body.order.id) : undefined;
    answer(res, outcome.answer.status, now, { ...outcome.answer.body, replayed: outcome.replay, ...(referral && { referral }) });
  };
}
