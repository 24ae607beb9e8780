import { issueRequest } from '../coupons/issue';
import type { Promotions } from '../promotions/promotions';
import { openReferralStore } from './open-referral-store';
import type { ReferralClaim, ReferralStore, SharerReward } from './referral-store';

/** What rewarding the sharer behind an order did. */
export type OrderReward =
  | { kind: 'no_referral' }
  | { kind: 'reward_cap'; claim: ReferralClaim }
  | { kind: 'rewarded' | 'duplicate'; claim: ReferralClaim; reward: SharerReward | null };

/**
 * What a redeem answer tells the merchant about the referral behind the order: the program and
 * whether its sharer is rewarded, never who the sharer is or what they received.
 */
export interface RedeemReferral {
  program?: string;
  rewarded: boolean;
  /**
   * Why not: `reward_cap`, the reason a reward could not be given (`sharer_not_identified`, a cap
   * of the reward campaign…), or `unavailable` when rewarding failed (logged; `POST
   * /v1/referrals/reward` or a replay of the redeem retries it).
   */
  reason?: string;
}

/**
 * The referral store (opened and migrated on first use) and the one way a sharer is rewarded,
 * shared by `POST /v1/referrals/reward` and `POST /v1/coupons/redeem`.
 *
 * @example
 * const rewards = createReferralRewards(promotions);
 * await rewards.afterRedeem('demo', 'friend10', 'order-1'); // { program: 'friends', rewarded: true }
 */
export interface ReferralRewards {
  store(): Promise<ReferralStore>;
  /**
   * Reward, once, the sharer of the referral whose welcome code `orderId` redeemed: points in the
   * ledger with the claim (see {@link ReferralStore.reward}), a coupon issued right after (issued
   * again on a later call if that failed).
   */
  rewardOrder(site: string, orderId: string): Promise<OrderReward>;
  /**
   * After `campaign`'s code was redeemed on `orderId`: reward the referral behind it, if any.
   * `undefined` when no referral program welcomes with `campaign` or the code came from no
   * referral. Never throws: the redemption stands whatever happens here.
   */
  afterRedeem(site: string, campaign: string, orderId: string): Promise<RedeemReferral | undefined>;
}

/** Build the rewards over a promotions setup; `open` replaces how the store is opened (tests). */
export function createReferralRewards(promotions: Promotions, open: () => Promise<ReferralStore> = () => openReferralStore(promotions.storage)): ReferralRewards {
  let opening: Promise<ReferralStore> | undefined;
  const store = () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };

  const giveCoupon = async (site: string, claim: ReferralClaim): Promise<SharerReward | null> => {
    const referrals = await store();
    const program = await referrals.getProgram(site, claim.program);
    if (!program || !('campaign' in program.reward)) return claim.reward;
    const campaign = await promotions.store.getCampaign(site, program.reward.campaign);
    let given: SharerReward;
    if (!campaign) given = { kind: 'failed', reason: 'unknown_campaign' };
    else {
      const subject = claim.sharerCustomer ? `c:${claim.sharerCustomer}` : `v:${claim.sharerVisitor}`;
      const issued = await promotions.store.issueCoupon(site, issueRequest(promotions, site, campaign, subject));
      given = issued.ok ? { kind: 'coupon', code: issued.coupon.code, expiresAt: issued.coupon.expiresAt } : { kind: 'failed', reason: issued.reason };
    }
    await referrals.setReward(site, claim.visitor, given);
    return given;
  };

  const rewardOrder = async (site: string, orderId: string): Promise<OrderReward> => {
    const outcome = await (await store()).reward(site, orderId, promotions.now());
    if (outcome.kind === 'no_referral' || outcome.kind === 'reward_cap') return outcome;
    const { claim } = outcome;
    const reward = claim.reward?.kind === 'pending' || claim.reward?.kind === 'failed' ? await giveCoupon(site, claim) : claim.reward;
    return { kind: outcome.kind, claim, reward };
  };

  return {
    store,
    rewardOrder,
    async afterRedeem(site, campaign, orderId) {
      try {
        // Most redemptions are of no referral's welcome campaign: a read spares them the reward's write transaction.
        const programs = await (await store()).listPrograms(site);
        if (!programs.some((p) => p.welcomeCampaign === campaign)) return undefined;
        return toRedeemReferral(await rewardOrder(site, orderId));
      } catch (error) {
        console.error(`affinity-server: rewarding the referral of order "${orderId}" on site "${site}" failed; the redemption stands, POST /v1/referrals/reward retries the reward`, error);
        return { rewarded: false, reason: 'unavailable' };
      }
    },
  };
}

function toRedeemReferral(outcome: OrderReward): RedeemReferral | undefined {
  if (outcome.kind === 'no_referral') return undefined;
  const program = outcome.claim.program;
  if (outcome.kind === 'reward_cap') return { program, rewarded: false, reason: 'reward_cap' };
  const reward = outcome.reward;
  if (reward?.kind === 'points' || reward?.kind === 'coupon') return { program, rewarded: true };
  return { program, rewarded: false, reason: reward?.kind === 'failed' ? reward.reason : 'pending' };
}
