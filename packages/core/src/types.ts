/**
 * The shared vocabulary of Affinity: events and items follow GA4's e-commerce names so that
 * merchants' existing dataLayer pushes map one-to-one, and products follow schema.org loosely.
 * Every package (core, server, elements, embed) speaks these types; change them with care.
 */

/** GA4 e-commerce event names, plus the few Affinity needs of its own. */
export const EVENT_TYPES = [
  'page_view',
  'view_item',
  'view_item_list',
  'select_item',
  'add_to_cart',
  'remove_from_cart',
  'view_cart',
  'add_to_wishlist',
  'begin_checkout',
  'add_payment_info',
  'purchase',
  'refund',
  'search',
  'view_promotion',
  'select_promotion',
  'login',
  'sign_up',
  'share',
  /** Engaged time on a page; on a product page `items[0]` is the product and `dwell_ms` the time. */
  'user_engagement',
  /** Affinity: a visitor was exposed to an experiment variant. */
  'experiment_exposure',
  /** Affinity: a Core Web Vitals measurement (LCP, INP, CLS). */
  'web_vital',
  /** Affinity: the visit arrived through a referral link. */
  'referral',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** One line item, in GA4 field names. Only `item_id` is required. */
export interface Item {
  item_id: string;
  item_name?: string;
  item_brand?: string;
  item_category?: string;
  item_category2?: string;
  item_category3?: string;
  item_category4?: string;
  item_category5?: string;
  item_variant?: string;
  item_list_id?: string;
  item_list_name?: string;
  /** Position in the list the item was shown in (0-based, as GA4). */
  index?: number;
  price?: number;
  discount?: number;
  quantity?: number;
  coupon?: string;
  currency?: string;
  affiliation?: string;
  location_id?: string;
}

/** Parameters of an event: GA4's names, all optional; `items` for e-commerce events. */
export interface EventData {
  items?: Item[];
  value?: number;
  currency?: string;
  transaction_id?: string;
  coupon?: string;
  shipping?: number;
  tax?: number;
  search_term?: string;
  item_list_id?: string;
  item_list_name?: string;
  promotion_id?: string;
  promotion_name?: string;
  creative_name?: string;
  creative_slot?: string;
  /** Milliseconds the shopper spent on the item (for `view_item`, sent when they leave). */
  dwell_ms?: number;
  page_location?: string;
  page_referrer?: string;
  /** Experiment id and variant, on exposure and on every widget event. */
  experiment_id?: string;
  variant?: string;
  /** Widget strategy that produced the item (for CTR per strategy). */
  strategy?: string;
  /** Web vital name / value / rating, for `web_vital`. */
  metric_name?: string;
  metric_value?: number;
  metric_rating?: string;
  /** Free-form merchant parameters; strings, numbers and booleans only. */
  [key: string]: unknown;
}

/** An event as stored locally and sent to the server. */
export interface AffinityEvent {
  /** Unique, time-ordered id (26-char Crockford base32, ULID layout). */
  id: string;
  type: EventType;
  /** Epoch milliseconds at capture. */
  ts: number;
  /** First-party anonymous visitor id. */
  visitor: string;
  /** Session id; a new one starts after 30 minutes without events. */
  session: string;
  /** `web` for the browser SDK; `app`, `pos`… for server-to-server channels. */
  channel: string;
  data: EventData;
}

/** A catalog product. Partial data is merged, never overwritten by empty values. */
export interface Product {
  id: string;
  title?: string;
  url?: string;
  image?: string;
  price?: number;
  /** Price before discount, when the product is on sale. */
  listPrice?: number;
  currency?: string;
  /** Hierarchical category path, broadest first: `['Apparel', 'Shoes', 'Running']`. */
  category?: string[];
  brand?: string;
  tags?: string[];
  /** Average rating on a 0–5 scale. */
  rating?: number;
  ratingCount?: number;
  /** Units in stock; `0` means out of stock; undefined means unknown (treated as available). */
  stock?: number;
  /** Regions where the product is sold (ISO country codes); undefined means everywhere. */
  regions?: string[];
  /** Whether buying it again is normal (consumables) — used to decide if bought items are hidden. */
  repeatable?: boolean;
}

/** Consent to behavioural storage and network sync. */
export type ConsentState = 'granted' | 'denied' | 'unknown';

/**
 * A small async key–value store (an idb-keyval custom store, or memory). Modules that persist
 * state take one of these instead of touching IndexedDB themselves.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Remove every key. */
  clear(): Promise<void>;
}

/** A co-occurrence neighbour: `[itemId, support, confidence, lift]` (support = joint count). */
export type Neighbour = [id: string, support: number, confidence: number, lift: number];

/** `[itemId, score]`, best first. */
export type Scored = [id: string, score: number];

/**
 * What the server learned from many shoppers, in the compact form served by `GET /v1/model`
 * and used directly by core (recommendations, ranking). Lists are sorted best first and capped
 * at top-K per item so the payload stays small.
 */
export interface ModelPayload {
  /** Content hash, also the ETag. */
  version: string;
  /** Epoch ms when the model was computed. */
  generatedAt: number;
  /** Half-life used for popularity / trending decay. */
  halfLifeDays: number;
  /** How many sessions / carts / orders the co-occurrence statistics were computed over. */
  totals: { sessions: number; carts: number; orders: number };
  /** Items viewed in the same session. */
  alsoViewed: Record<string, Neighbour[]>;
  /** Items bought in the same order. */
  boughtTogether: Record<string, Neighbour[]>;
  /** Items carted in the same session. */
  cartedTogether: Record<string, Neighbour[]>;
  /** Directed transitions item → next item within sessions, `[next, count]`. */
  next: Record<string, Scored[]>;
  /** Time-decayed interaction counts over the whole history. */
  popular: Scored[];
  /** Recent rate against the long-run rate (rising items). */
  trending: Scored[];
  /** Popularity per top-level category. */
  popularByCategory: Record<string, Scored[]>;
  /** Learned item embeddings (int8, per-item scale) for `embedding` and `similar-shoppers`. */
  embeddings?: import('./recommend/learned/types').EmbeddingPayload;
  /** Prototypes of similar-shopper groups for `similar-shoppers`. */
  shoppers?: import('./recommend/learned/types').ShopperPrototypes;
  /** Behavioural cluster centroids, so the page assigns its shopper (segment field `cluster`). */
  clusters?: import('./clusters/types').ClusterModel;
}
