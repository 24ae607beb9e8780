import { PROFILE_VERSION, type Profile } from './types';

/**
 * A profile with no history: what a new visitor has.
 *
 * @example
 * emptyProfile(30).lifecycle; // 'new_visitor'
 */
export function emptyProfile(halfLifeDays = 30): Profile {
  return {
    version: PROFILE_VERSION,
    halfLifeDays,
    lastTs: 0,
    recentIds: [],
    affinities: { category: {}, brand: {}, tag: {}, price: {} },
    items: {},
    counts: { events: 0, views: 0, selects: 0, carts: 0, removes: 0, wishlists: 0, checkouts: 0, purchases: 0, searches: 0, lists: 0 },
    activity: { first: 0, last: 0, sessions: 0, gapDays: 0, engagement: { s: 0, at: 0 } },
    orders: { count: 0, revenue: 0, first: 0, last: 0, ids: [] },
    session: null,
    price: { ranges: {}, engaged: 0, posSum: 0, cheap: 0, premium: 0, engagedDiscounted: 0, engagedPriced: 0, seen: 0, seenDiscounted: 0 },
    searches: [],
    derivedAt: 0,
    tags: {
      priceSensitivity: 'unknown',
      priceSensitivityScore: 0.5,
      interactionLevel: 'none',
      interactionScore: 0,
      favouriteCategories: [],
      favouriteBrands: [],
    },
    rfm: { recency: 0, frequency: 0, monetary: 0, segment: 'none' },
    lifecycle: 'new_visitor',
    intent: 'none',
  };
}

/**
 * Whether the profile knows anything about the shopper (any item interaction or search).
 *
 * @example
 * hasSignal(emptyProfile()); // false
 */
export function hasSignal(p: Profile | null | undefined): p is Profile {
  return !!p && (p.counts.views + p.counts.selects + p.counts.carts + p.counts.wishlists + p.counts.purchases > 0);
}
