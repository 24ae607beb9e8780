import { inDateWindows } from '../../../core/src/promotions/targeting';
import type { Promotions } from '../promotions/promotions';
import type { CampaignDefinition, CouponRecord, IssueRequest } from '../promotions/promotion-store';
import { signCoupon } from './coupon-code';

/** Why a campaign issues nothing right now, checked from what the server itself knows. */
export type NotIssuable = { status: number; reason: string; error: string };

/**
 * Checks the server can make before issuing: the campaign's window, its date windows and, for a
 * welcome offer, that the server holds no purchase by this visitor. Profile targeting (segments,
 * lifecycle, RFM, price sensitivity) lives in the browser and cannot be proven here; order
 * conditions are proven at redemption against the real order.
 *
 * @example
 * const refusal = await whyNotIssuable(promotions, 'demo', campaign, 'v-1', 'web');
 */
export async function whyNotIssuable(p: Promotions, site: string, c: CampaignDefinition, visitor: string | undefined, channel: string): Promise<NotIssuable | undefined> {
  const now = p.now();
  if (c.startsAt !== undefined && now < c.startsAt) return { status: 409, reason: 'not_started', error: `Campaign "${c.id}" starts at ${new Date(c.startsAt).toISOString()}.` };
  if (c.endsAt !== undefined && now >= c.endsAt) return { status: 409, reason: 'ended', error: `Campaign "${c.id}" ended at ${new Date(c.endsAt).toISOString()}.` };
  if (c.target?.dates && !inDateWindows(c.target.dates, now)) return { status: 409, reason: 'outside_dates', error: `Campaign "${c.id}" only runs on its dates.` };
  if (c.target?.channels && !c.target.channels.includes(channel)) return { status: 403, reason: 'wrong_channel', error: `Campaign "${c.id}" is not offered on channel "${channel}".` };
  if (c.kind === 'welcome' && visitor !== undefined && (await hasPurchased(p, site, visitor))) {
    return { status: 403, reason: 'not_new_customer', error: `Campaign "${c.id}" is for first orders; this visitor has already bought.` };
  }
  return undefined;
}

/** Whether the server has a purchase event from the visitor (other than `exceptOrder`). */
export async function hasPurchased(p: Promotions, site: string, visitor: string, exceptOrder?: string): Promise<boolean> {
  const events = await p.storage.visitorEvents(site, visitor);
  return events.some((e) => e.type === 'purchase' && (exceptOrder === undefined || e.data.transaction_id !== exceptOrder));
}

/**
 * The issue request for a campaign and subject: expiry is the campaign's coupon lifetime, cut at
 * the campaign's end; the code is signed for the subject.
 */
export function issueRequest(p: Promotions, site: string, campaign: CampaignDefinition, subject: string): IssueRequest {
  const now = p.now();
  const expiresAt = Math.min(now + Math.round(campaign.couponHours * 3_600_000), campaign.endsAt ?? Infinity);
  return { campaign, subject, now, expiresAt, sign: (nonce, exp) => signCoupon(p.secret, site, { campaign: campaign.id, nonce, expiresAt: exp }, subject) };
}

/** The body shared by every answer that hands out a code. */
export function couponBody(c: CampaignDefinition, coupon: CouponRecord, existing: boolean) {
  return {
    code: coupon.code,
    campaign: c.id,
    kind: c.kind,
    title: c.title,
    discount: c.discount,
    ...(c.minOrder !== undefined && { minOrder: c.minOrder }),
    expiresAt: coupon.expiresAt,
    existing,
  };
}

/** Messages for the cap refusals of the store. */
export const CAP_ERRORS: Record<string, string> = {
  total_cap: 'This campaign has issued all its coupons.',
  per_visitor_cap: 'This shopper has already received as many coupons of this campaign as allowed.',
  daily_cap: 'This campaign has issued all of today\'s coupons; try again tomorrow.',
  unknown_campaign: 'No such campaign.',
};
