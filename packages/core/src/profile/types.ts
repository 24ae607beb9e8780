import type { EventType } from '../types';

/** Bump when the persisted shape changes: older snapshots are then rebuilt from the event log. */
export const PROFILE_VERSION = 1;

/** The four kinds of affinity the profile keeps. Keys: category path `Shoes > Running`, brand, tag, price band `32-64`. */
export type AffinityKind = 'category' | 'brand' | 'tag' | 'price';

/**
 * One affinity: a time-decayed score plus a tiny, bounded summary of the events behind it,
 * so it can explain itself ("viewed 4 items in Shoes > Running this week").
 * The score is stored as of `at` and decayed when read (see `decayed`).
 */
export interface AffinityEntry {
  /** Score at time `at` (sum of event weights, each halved every half-life). */
  s: number;
  /** Reference time of `s`, epoch ms. */
  at: number;
  /** Contributing events by type (not decayed). */
  n: Partial<Record<EventType, number>>;
  /** Up to three most recent item names (or ids), newest first. */
  items: string[];
  /** First and last contributing event, epoch ms. */
  first: number;
  last: number;
}

/** What the shopper did with one item (bounded to the most recent items). */
export interface ItemHistory {
  /** Decayed interest in this item at `at`. */
  s: number;
  at: number;
  views: number;
  carts: number;
  bought: number;
  last: number;
  name?: string;
}

/** The current session, for intent and co-occurrence. */
export interface SessionState {
  id: string;
  start: number;
  last: number;
  events: number;
  /** Distinct item ids viewed or selected this session, most recent last (max 20). */
  viewed: string[];
  /** Item ids added to the cart this session (max 20). */
  carted: string[];
  /** Views per leaf category this session. */
  categories: Record<string, number>;
  /** Units currently in the cart as far as this session saw. */
  cart: number;
  checkout: boolean;
  purchased: boolean;
  searches: number;
}

/** Running price statistics for price sensitivity. */
export interface PriceStats {
  /** Observed price range per category key: `[min, max, count]`. */
  ranges: Record<string, [number, number, number]>;
  /** Engaged (viewed…bought) items whose position in their category's range was known. */
  engaged: number;
  /** Sum of those positions (0 = cheapest in category, 1 = most expensive). */
  posSum: number;
  /** Engaged items in the bottom / top third of their category's range. */
  cheap: number;
  premium: number;
  /** Engaged items that were discounted, out of `engagedPriced`. */
  engagedDiscounted: number;
  engagedPriced: number;
  /** All items seen (lists included) and how many of them were discounted. */
  seen: number;
  seenDiscounted: number;
}

/** Price sensitivity tag; `unknown` until three priced items were looked at. */
export type PriceSensitivity = 'unknown' | 'low' | 'medium' | 'high';
/** Interaction level tag, from decayed engagement. */
export type InteractionLevel = 'none' | 'low' | 'medium' | 'high';

/** Tags the merchant can target: price sensitivity, interaction level, favourites. */
export interface ProfileTags {
  priceSensitivity: PriceSensitivity;
  /** 0 = premium seeker … 1 = bargain hunter; 0.5 when unknown. */
  priceSensitivityScore: number;
  interactionLevel: InteractionLevel;
  /** Decayed engagement (weighted events). */
  interactionScore: number;
  /** Top three category paths and brands by decayed affinity. */
  favouriteCategories: string[];
  favouriteBrands: string[];
}

/** Named RFM segments; `none` for a shopper who never bought. */
export type RfmSegment =
  | 'none'
  | 'champion'
  | 'loyal'
  | 'potential_loyalist'
  | 'new_customer'
  | 'promising'
  | 'needs_attention'
  | 'at_risk'
  | 'cant_lose'
  | 'hibernating'
  | 'lost';

/** Recency, frequency, monetary scores 1–5 (0 when the shopper never bought). */
export interface Rfm {
  recency: number;
  frequency: number;
  monetary: number;
  segment: RfmSegment;
}

/** Where the shopper is in their life with the store (see `lifecycleOf`). */
export type LifecycleStage =
  | 'new_visitor'
  | 'engaged_browser'
  | 'first_time_buyer'
  | 'repeat_customer'
  | 'returning'
  | 'dormant'
  | 'churned';

/** What this session looks like: `none` before any event in a session. */
export type SessionIntent = 'none' | 'browsing' | 'comparing' | 'ready_to_buy';

/** Event counts over the whole history. */
export interface ProfileCounts {
  events: number;
  views: number;
  selects: number;
  carts: number;
  removes: number;
  wishlists: number;
  checkouts: number;
  purchases: number;
  searches: number;
  lists: number;
}

/**
 * The shopper's private interest profile. Plain JSON (persisted as is); treat it as read-only —
 * the profile store replaces it on every change. Scores decay lazily: read them with
 * `affinityScore`/`topAffinities`, which apply the half-life up to "now".
 *
 * @example
 * const p = buildProfile(events);
 * p.rfm.segment;           // 'loyal'
 * p.tags.priceSensitivity; // 'high'
 * topAffinities(p, 'category', Date.now())[0]; // ['Shoes > Running', 0.82]
 */
export interface Profile {
  version: number;
  halfLifeDays: number;
  visitor?: string;
  /** Time of the newest applied event and the ids applied at that instant (dedupe). */
  lastTs: number;
  recentIds: string[];
  affinities: Record<AffinityKind, Record<string, AffinityEntry>>;
  items: Record<string, ItemHistory>;
  counts: ProfileCounts;
  activity: {
    first: number;
    last: number;
    sessions: number;
    /** Days between the previous session's last event and the current session's first. */
    gapDays: number;
    /** Decayed engagement, for interaction level. */
    engagement: { s: number; at: number };
  };
  orders: { count: number; revenue: number; first: number; last: number; ids: string[] };
  session: SessionState | null;
  price: PriceStats;
  /** Recent search terms, newest first (max 10). */
  searches: string[];
  /** When the fields below were last derived. */
  derivedAt: number;
  tags: ProfileTags;
  rfm: Rfm;
  lifecycle: LifecycleStage;
  intent: SessionIntent;
}
