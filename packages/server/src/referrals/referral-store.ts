import type { ReferralProgram } from './referral.schema';
import type { GroupOfferDefinition } from '../group-offers/group-offer.schema';

/** A share link: an opaque random token standing for its sharer (never derived from their ids). */
export interface ReferralLink {
  token: string;
  program: string;
  sharerVisitor: string;
  sharerCustomer: string | null;
}

/** What a referred shopper was given, and what their sharer earned. */
export type WelcomeGift = { code: string; expiresAt: number; campaign: string } | { failed: string };
export type SharerReward =
  | { kind: 'points'; points: number; customer: string }
  | { kind: 'coupon'; code: string; expiresAt: number }
  /** A coupon reward marked in the claim's transaction, issued right after (again on a retry if that failed). */
  | { kind: 'pending' }
  | { kind: 'failed'; reason: string };

/** One referred visitor (one per site, ever). */
export interface ReferralClaim {
  visitor: string;
  token: string;
  program: string;
  sharerVisitor: string;
  sharerCustomer: string | null;
  welcome: WelcomeGift | null;
  orderId: string | null;
  reward: SharerReward | null;
  at: number;
  rewardedAt: number | null;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: ReferralClaim }
  | { kind: 'replay'; claim: ReferralClaim }
  | { kind: 'unknown_token' }
  | { kind: 'self_referral' }
  | { kind: 'loop' }
  | { kind: 'already_referred' };

export type RewardOutcome =
  | { kind: 'rewarded'; claim: ReferralClaim }
  | { kind: 'duplicate'; claim: ReferralClaim }
  | { kind: 'no_referral' }
  | { kind: 'reward_cap'; claim: ReferralClaim };

export type JoinOutcome =
  | { kind: 'joined' | 'member'; members: number; size: number; unlocked: boolean; opened: number; closes: number }
  | { kind: 'unknown_offer' }
  | { kind: 'closed'; members: number; size: number; opened: number; closes: number };

/**
 * Referral links, claims and rewards, and group-offer rounds, on the event storage's database
 * (with the promotion store's points and coupon tables). Every guarded step (one claim per
 * visitor, loops, one reward per claim, the member count of a group round) checks and writes in
 * one transaction.
 *
 * @example
 * const referrals = await openReferralStore(storage);
 */
export interface ReferralStore {
  readonly kind: 'sqlite' | 'postgres';
  putPrograms(site: string, programs: readonly ReferralProgram[]): Promise<void>;
  getProgram(site: string, id: string): Promise<ReferralProgram | undefined>;
  listPrograms(site: string): Promise<ReferralProgram[]>;
  /** The sharer's link for a program, created with `newToken()` the first time. */
  link(site: string, program: string, sharerVisitor: string, sharerCustomer: string | null, newToken: () => string, now: number): Promise<ReferralLink>;
  /** Whether the server handed out this share token. */
  linkExists(site: string, token: string): Promise<boolean>;
  /**
   * Record that `visitor` landed through `token`: refused for the sharer themself, for a visitor
   * already referred (the same token again replays), and for a loop (the sharer was, directly or
   * up the chain, referred by this visitor).
   */
  claim(site: string, token: string, visitor: string, customer: string | null, now: number): Promise<ClaimOutcome>;
  setWelcome(site: string, visitor: string, welcome: WelcomeGift): Promise<void>;
  /**
   * Reward the sharer of the claim whose welcome code was redeemed on `orderId`, once: a points
   * reward (ledger reason `referral`, ref `<program>/<order>`) is credited in the same transaction
   * that marks the claim rewarded; a coupon reward is marked pending and issued by the caller.
   */
  reward(site: string, orderId: string, now: number): Promise<RewardOutcome>;
  setReward(site: string, visitor: string, reward: SharerReward): Promise<void>;
  claims(site: string, program: string): Promise<ReferralClaim[]>;

  putGroupOffers(site: string, offers: readonly GroupOfferDefinition[]): Promise<void>;
  getGroupOffer(site: string, id: string): Promise<GroupOfferDefinition | undefined>;
  /** Add a distinct visitor to the offer's round behind `token`, counting atomically; a round that timed out without unlocking starts again. */
  joinGroup(site: string, offer: GroupOfferDefinition, token: string, visitor: string, now: number): Promise<JoinOutcome>;
  /** The round behind `token`, and whether `visitor` is in it. */
  groupRound(site: string, offer: GroupOfferDefinition, token: string, visitor: string | undefined, now: number): Promise<{ members: number; unlocked: boolean; member: boolean; opened: number | null; closes: number | null }>;
}

/** Ledger reason of a sharer's points reward; `ref` is `<program>/<order id>`. */
export const REFERRAL_REASON = 'referral';

/** How far up a referral chain a loop is looked for. */
export const LOOP_DEPTH = 50;

/** When a group round opened at `opened` stops accepting members towards unlocking. */
export function closesAt(opened: number, windowMs: number): number {
  return opened + windowMs;
}
