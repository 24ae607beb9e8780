import type { Item } from '@affinity/core';
import { discountAmount } from '../../../core/src/promotions/discount';
import { cartMatches } from '../../../core/src/promotions/targeting';
import { ERASED, type CampaignDefinition, type CouponRecord } from '../promotions/promotion-store';
import { parseCouponCode, verifyCoupon } from './coupon-code';

/** The order a coupon is redeemed against, as the merchant's server reports it. */
export interface RedeemOrder {
  id: string;
  /** Merchandise total before the coupon. */
  subtotal: number;
  shipping?: number;
  channel?: string;
  items?: Item[];
}

/** One redemption to decide. */
export interface RedeemInput {
  site: string;
  code: string;
  visitor?: string;
  customer?: string;
  order: RedeemOrder;
  /** The discount the merchant's cart applied; refused when it exceeds what the coupon grants. */
  discount?: number;
  now: number;
  secret: string;
  campaign: CampaignDefinition | undefined;
  /** Whether the server holds an earlier purchase by this visitor (welcome offers). */
  boughtBefore: boolean;
}

/** Reasons a redemption is refused, most basic first. */
export type RedeemRefusal =
  | 'malformed_code'
  | 'unknown_code'
  | 'invalid_signature'
  | 'wrong_visitor'
  | 'already_redeemed'
  | 'expired'
  | 'campaign_ended'
  | 'wrong_channel'
  | 'not_new_customer'
  | 'below_minimum'
  | 'conditions_not_met'
  | 'amount_mismatch';

export type RedeemDecision =
  | { ok: true; discount: number; freeShipping: boolean }
  | { ok: false; reason: RedeemRefusal; error: string };

/**
 * Decide a redemption from the stored coupon (already locked by the caller) and the real order.
 * Pure: the checks run in the order of the reasons so the answer names the most basic problem.
 *
 * @example
 * decideRedemption(coupon, { code, visitor: 'v1', order: { id: 'o1', subtotal: 80 }, … });
 * // { ok: true, discount: 8, freeShipping: false }
 */
export function decideRedemption(coupon: CouponRecord | undefined, r: RedeemInput): RedeemDecision {
  const no = (reason: RedeemRefusal, error: string): RedeemDecision => ({ ok: false, reason, error });
  const parts = parseCouponCode(r.code);
  if (!parts) return no('malformed_code', 'This is not an Affinity coupon code.');
  if (!coupon) return no('unknown_code', 'No coupon with this code was ever issued.');
  if (coupon.subject === ERASED) return no('unknown_code', 'The shopper this code was issued to asked to be forgotten; the code is void.');
  if (coupon.code !== r.code.trim() || !verifyCoupon(r.secret, r.site, r.code, coupon.subject)) {
    return no('invalid_signature', 'The code was altered: its signature does not match.');
  }
  const subjects = [r.visitor && `v:${r.visitor}`, r.customer && `c:${r.customer}`];
  if (!subjects.includes(coupon.subject)) return no('wrong_visitor', 'This code was issued to another shopper.');
  if (coupon.redeemedAt !== null) return no('already_redeemed', `This code was already used${coupon.orderId ? ` for order ${coupon.orderId}` : ''}.`);
  if (coupon.expiresAt <= r.now) return no('expired', `This code expired at ${new Date(coupon.expiresAt).toISOString()}.`);
  const c = r.campaign;
  if (!c || (c.endsAt !== undefined && r.now >= c.endsAt)) return no('campaign_ended', 'The campaign behind this code has ended.');
  const channel = r.order.channel ?? 'web';
  if (c.target?.channels && !c.target.channels.includes(channel)) return no('wrong_channel', `This code is not valid on channel "${channel}".`);
  if (c.kind === 'welcome' && r.boughtBefore) return no('not_new_customer', 'This code is for a first order; this shopper has bought before.');
  const subtotal = r.order.subtotal;
  if (c.minOrder !== undefined && subtotal < c.minOrder) return no('below_minimum', `The order subtotal ${subtotal} is below the minimum of ${c.minOrder}.`);
  if (c.discount.type === 'tiers' && subtotal < Math.min(...c.discount.tiers.map((t) => t.min))) {
    return no('below_minimum', `The order subtotal ${subtotal} reaches no tier (lowest: ${Math.min(...c.discount.tiers.map((t) => t.min))}).`);
  }
  if (c.target && !cartMatches(c.target, { value: subtotal, items: r.order.items ?? [] })) {
    return no('conditions_not_met', 'The order does not meet the campaign\'s cart conditions (value, items or categories).');
  }
  const discount = discountAmount(c.discount, subtotal, r.order.shipping ?? 0);
  if (r.discount !== undefined && r.discount > discount + 0.005) {
    return no('amount_mismatch', `The cart applied ${r.discount} but this code grants at most ${discount}.`);
  }
  return { ok: true, discount, freeShipping: c.discount.type === 'free_shipping' };
}
