import type { Campaign, CampaignTarget } from '../promotions/types';

/** Target conditions that read the shopper (profile, segments, favourites, birthday), not the page or the cart. */
const PERSONAL: readonly (keyof CampaignTarget)[] = ['segments', 'lifecycle', 'rfm', 'priceSensitivity', 'categories', 'birthday'];

/**
 * Whether a campaign is a targeted (personal) offer, which a control arm does not show.
 * Merchant-wide offers stay: no target, or only cart, channel and date conditions, and welcome
 * offers for new customers (the server enforces "new", as a store without Affinity would).
 *
 * @example isPersonalOffer({ id: 'vip', target: { rfm: ['champion'] }, … }) // true
 */
export function isPersonalOffer(campaign: Pick<Campaign, 'target'>): boolean {
  const t = campaign.target;
  return !!t && PERSONAL.some((k) => t[k] !== undefined);
}
