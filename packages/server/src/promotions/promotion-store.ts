import type { Campaign, FlashReservation } from '@affinity/core';
import type { SegmentRule } from '@affinity/core';

/** A campaign as the server keeps it: the published fields plus how long its coupons live. */
export interface CampaignDefinition extends Campaign {
  /** Hours an issued code stays valid (capped by the campaign's end). */
  couponHours: number;
}

/** A flash sale as the server keeps it. `stock` is the number of units the sale started with. */
export interface FlashSaleDefinition {
  id: string;
  title: string;
  item: string;
  price: number;
  listPrice?: number;
  startsAt: number;
  endsAt: number;
  stock: number;
  perVisitor: number;
  holdMinutes: number;
  /** Only shoppers whose server-side profile (rebuilt from their stored events) matches may claim. */
  access?: { rule: SegmentRule; label?: string };
}

/** One issued coupon code. `subject` is `v:<visitor>` or `c:<customer>`. */
export interface CouponRecord {
  nonce: string;
  campaign: string;
  subject: string;
  code: string;
  issuedAt: number;
  expiresAt: number;
  redeemedAt: number | null;
  orderId: string | null;
}

/** What {@link PromotionStore.issueCoupon} needs; caps are checked atomically with the insert. */
export interface IssueRequest {
  campaign: CampaignDefinition;
  subject: string;
  now: number;
  /** Builds the signed code for a fresh nonce; called only when a new code is issued. */
  sign(nonce: string, expiresAt: number): string;
  expiresAt: number;
}

export type IssueOutcome =
  | { ok: true; coupon: CouponRecord; existing: boolean }
  | { ok: false; reason: 'total_cap' | 'per_visitor_cap' | 'daily_cap' | 'unknown_campaign' };

/** A stored answer to an idempotent request. */
export interface StoredAnswer {
  status: number;
  body: Record<string, unknown>;
}

export type RedeemOutcome = { kind: 'answered'; answer: StoredAnswer; replay: boolean } | { kind: 'key_reused' };

/** A flash sale with its live stock. */
export interface FlashSaleRecord {
  definition: FlashSaleDefinition;
  remaining: number;
}

export type ClaimOutcome =
  | { ok: true; reservation: FlashReservation; remaining: number }
  | { ok: false; reason: 'sold_out' | 'limit_reached' | 'unknown_sale'; remaining: number; reservations: FlashReservation[] };

export type CompleteOutcome = { ok: true; reservation: FlashReservation } | { ok: false; reason: 'unknown_reservation' | 'reservation_expired' | 'already_completed' };

export type IssueFailure = Extract<IssueOutcome, { ok: false }>['reason'];

export type ExchangeOutcome =
  | { ok: true; coupon: CouponRecord; existing: boolean; balance: number }
  | { ok: false; reason: 'insufficient_points' | IssueFailure; balance: number };

/** Coupon and points totals of a site (`GET /v1/admin/stats`, the dashboard funnel). */
export interface PromotionStats {
  /** Coupon codes issued (claimed). */
  couponsClaimed: number;
  /** Distinct visitors or customers holding at least one code. */
  couponHolders: number;
  couponsRedeemed: number;
  /** Points credited (positive movements) and spent or taken back (negative movements). */
  pointsAwarded: number;
  pointsSpent: number;
  /** Customers who were ever credited points. */
  pointsCustomers: number;
}

/** One recorded points movement. */
export interface PointsMovement {
  delta: number;
  balance: number;
  reason: string;
  ref: string;
  at: number;
}

export type PointsOutcome = { ok: true; balance: number; duplicate: boolean } | { ok: false; reason: 'insufficient_points'; balance: number };

/**
 * Persistence of promotions, on the same database as the events but with its own tables and
 * migration history (`promotion_migrations`). Every method that guards a limit (caps, stock,
 * single use, balances) does its check and its write in one transaction, so several server
 * processes on one PostgreSQL never oversell.
 *
 * @example
 * const store = await createPromotionStore(storage);
 * await store.putCampaigns('demo', [campaign]);
 */
export interface PromotionStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The coupon signing secret kept in the database, created on first use so every process shares it. */
  storedSecret(): Promise<string>;

  putCampaigns(site: string, campaigns: readonly CampaignDefinition[]): Promise<void>;
  listCampaigns(site: string): Promise<CampaignDefinition[]>;
  getCampaign(site: string, id: string): Promise<CampaignDefinition | undefined>;
  deleteCampaign(site: string, id: string): Promise<boolean>;
  /** Counts behind the caps, for the admin view. */
  campaignCounts(site: string, id: string, day: string): Promise<{ issued: number; redeemed: number; today: number }>;
  /** Site-wide coupon and points totals for the admin funnel. */
  promotionStats(site: string): Promise<PromotionStats>;

  /** Issue a code unless a cap is reached; a subject's still-valid unused code is returned instead of a new one. */
  issueCoupon(site: string, request: IssueRequest): Promise<IssueOutcome>;
  findCoupon(site: string, nonce: string): Promise<CouponRecord | undefined>;
  /**
   * Run one redemption under its idempotency key: a replay returns the stored answer, the same
   * key with a different request is refused, otherwise `decide` sees the locked coupon and its
   * answer is stored; `decide` returning `redeem: true` marks the code used.
   */
  redeem(
    site: string,
    key: string,
    requestHash: string,
    nonce: string,
    decide: (coupon: CouponRecord | undefined) => { answer: StoredAnswer; redeem?: { orderId: string; at: number } },
  ): Promise<RedeemOutcome>;

  putFlashSales(site: string, sales: readonly FlashSaleDefinition[]): Promise<void>;
  /** Every sale of a site; `remaining` counts holds expired by `now` as back in stock (without writing). */
  listFlashSales(site: string, now?: number): Promise<FlashSaleRecord[]>;
  /** A sale with live stock (expired holds released first). */
  getFlashSale(site: string, id: string, now: number): Promise<FlashSaleRecord | undefined>;
  /** A sale's definition only, read without taking any lock (for checks before a claim). */
  flashSaleDefinition(site: string, id: string): Promise<FlashSaleDefinition | undefined>;
  deleteFlashSale(site: string, id: string): Promise<boolean>;
  /** Return expired holds to stock, then reserve one unit for the visitor if stock and their limit allow. */
  claimFlashSale(site: string, id: string, visitor: string, now: number): Promise<ClaimOutcome>;
  /** A visitor's reservations for a sale (expired holds released first). */
  reservations(site: string, id: string, visitor: string, now: number): Promise<FlashReservation[]>;
  /** Mark a held unit as bought; an expired hold cannot be completed. */
  completeReservation(site: string, id: string, reservation: string, orderId: string, now: number): Promise<CompleteOutcome>;

  /** Add (or, negative, take) points; refused when the balance would go below zero; idempotent per `reason` + `ref`. */
  movePoints(site: string, customer: string, delta: number, reason: string, ref: string, now: number): Promise<PointsOutcome>;
  /**
   * Spend points and issue a coupon in one transaction: both happen or neither. A still-valid
   * unused code of the same campaign is returned again without spending anything.
   */
  exchangePoints(site: string, customer: string, cost: number, request: IssueRequest): Promise<ExchangeOutcome>;
  points(site: string, customer: string, limit: number): Promise<{ balance: number; movements: PointsMovement[] }>;

  /**
   * Forget a visitor (the browser's `forget()`): their codes and holds lose the visitor id, so
   * nothing links them to the shopper any more, while caps and stock still count them. Their
   * unused codes stop verifying.
   */
  eraseVisitor(site: string, visitor: string): Promise<{ coupons: number; reservations: number }>;
}

/** What erased records are bound to instead of a visitor. */
export const ERASED = '(erased)';

/** UTC day `YYYY-MM-DD` of an instant, the unit of per-day caps. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}
