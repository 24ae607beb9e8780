import type { LifecycleStage, PriceSensitivity, RfmSegment } from '../profile/types';
import type { Item } from '../types';

/** What a campaign is, commercially; decides which discount shapes it may have. */
export const CAMPAIGN_KINDS = ['welcome', 'threshold', 'percentage', 'fixed', 'free_shipping', 'points_exchange'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** One step of a threshold (spend X save Y) discount. */
export interface DiscountTier {
  /** Order subtotal from which the tier applies. */
  min: number;
  /** Amount taken off. */
  off: number;
}

/** What a coupon takes off an order. */
export type Discount =
  | { type: 'percent'; value: number; /** Largest amount taken off. */ max?: number }
  | { type: 'amount'; value: number }
  | { type: 'free_shipping' }
  | { type: 'tiers'; tiers: DiscountTier[] };

/**
 * A date window: yearly `MM-DD` bounds (holidays; may wrap over new year) or absolute
 * ISO dates / date-times. Both bounds inclusive, evaluated in UTC so browser and server agree.
 */
export interface DateWindow {
  from: string;
  to: string;
}

/**
 * Who a campaign is for. Every listed condition must hold; a list matches when any of its
 * values does. Omitted conditions match everyone.
 */
export interface CampaignTarget {
  /** Merchant segments (names from the profile's segment definitions). */
  segments?: string[];
  lifecycle?: LifecycleStage[];
  rfm?: RfmSegment[];
  priceSensitivity?: PriceSensitivity[];
  cartValue?: { min?: number; max?: number };
  /** Item ids, any of which must be in the cart. */
  cartItems?: string[];
  /** Category names or paths (`Shoes > Running`) in the cart or among the shopper's favourites. */
  categories?: string[];
  channels?: string[];
  dates?: DateWindow[];
  /** Around the shopper's birthday, when the merchant supplies it (`MM-DD`). */
  birthday?: { daysBefore?: number; daysAfter?: number };
}

/** Limits on how many coupons a campaign issues. */
export interface CampaignCaps {
  total?: number;
  perVisitor: number;
  perDay?: number;
}

/** How often an offer may be shown to one shopper: at most `views` times per `hours`. */
export interface DisplayCap {
  views: number;
  hours: number;
}

/** A campaign as the server publishes it (`GET /v1/campaigns`): everything a browser needs to decide what to show. */
export interface Campaign {
  id: string;
  kind: CampaignKind;
  title: string;
  description?: string;
  discount: Discount;
  /** Smallest order subtotal the coupon applies to. */
  minOrder?: number;
  /** Points spent to get the coupon (`points_exchange`). */
  pointsCost?: number;
  target?: CampaignTarget;
  /** Epoch ms; outside this window nothing is shown or issued. */
  startsAt?: number;
  endsAt?: number;
  caps: CampaignCaps;
  display?: DisplayCap;
  /** Higher first. Default 0. */
  priority: number;
}

/** The cart as the page knows it, for cart-value and cart-content targeting. */
export interface CartContext {
  value: number;
  items: Item[];
}

/** A flash sale as the server publishes it, with live stock. */
export interface FlashSale {
  id: string;
  title: string;
  /** Catalog product on sale. */
  item: string;
  price: number;
  listPrice?: number;
  startsAt: number;
  endsAt: number;
  stock: number;
  remaining: number;
  perVisitor: number;
  /** Minutes a claimed unit is held for checkout before it returns to stock. */
  holdMinutes: number;
  /** True when only shoppers in a server-verified segment may claim. */
  restricted: boolean;
}

/** A unit held for one shopper (`POST /v1/flash-sales/:id/claim`). */
export interface FlashReservation {
  id: string;
  sale: string;
  expiresAt: number;
  status: 'held' | 'completed' | 'expired';
}
