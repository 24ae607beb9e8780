import * as v from 'valibot';
import type { DefinitionIssue } from '../campaigns/campaign.schema';

/** What the sharer earns once a referred shopper's first order is redeemed. */
export type ReferralReward = { points: number } | { campaign: string };

/**
 * A referral campaign: shoppers share links; a new shopper landing through one gets a code of
 * `welcomeCampaign`; the sharer earns `reward` when that shopper's first order is redeemed.
 */
export interface ReferralProgram {
  id: string;
  title: string;
  /** Campaign whose code the referred (new) shopper receives on landing. */
  welcomeCampaign: string;
  reward: ReferralReward;
  /** Most rewards one sharer can earn in this program; default unlimited. */
  maxRewardsPerSharer?: number;
}

const ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1–64 letters, digits, "_" or "-"'));
const ProgramSchema = v.strictObject({
  id: ID,
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  welcomeCampaign: ID,
  reward: v.union(
    [v.strictObject({ points: v.pipe(v.number(), v.integer('expected a whole number'), v.minValue(1), v.maxValue(1_000_000)) }), v.strictObject({ campaign: ID })],
    'expected { "points": N } or { "campaign": "<id>" }',
  ),
  maxRewardsPerSharer: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
});

/**
 * Validate one referral program, or list every problem with its path under `at`.
 *
 * @example
 * parseReferralProgram({ id: 'friends', title: 'Invite a friend', welcomeCampaign: 'welcome10', reward: { points: 200 } }).ok; // true
 */
export function parseReferralProgram(input: unknown, at = 'referral'): { ok: true; value: ReferralProgram } | { ok: false; issues: DefinitionIssue[] } {
  const r = v.safeParse(ProgramSchema, input);
  if (r.success) return { ok: true, value: r.output as ReferralProgram };
  return {
    ok: false,
    issues: r.issues.map((i) => {
      const path = v.getDotPath(i);
      const message = /^Invalid key: Expected never/.test(i.message) ? 'unknown key' : /received undefined$/.test(i.message) ? 'required' : i.message;
      return { path: path ? `${at}.${path}` : at, message };
    }),
  };
}
