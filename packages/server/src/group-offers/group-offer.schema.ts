import * as v from 'valibot';
import type { DefinitionIssue } from '../campaigns/campaign.schema';

/**
 * A group offer (team purchase): the discount of `campaign` unlocks for everyone in a round once
 * `size` distinct shoppers joined through the same share link within `windowHours` of the first.
 */
export interface GroupOfferDefinition {
  id: string;
  title: string;
  /** Campaign whose code each member may claim once the round is unlocked. */
  campaign: string;
  size: number;
  windowHours: number;
}

const ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1–64 letters, digits, "_" or "-"'));
const GroupOfferSchema = v.strictObject({
  id: ID,
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  campaign: ID,
  size: v.pipe(v.number(), v.integer('expected a whole number'), v.minValue(2, 'a group needs at least 2 shoppers'), v.maxValue(1000)),
  windowHours: v.pipe(v.number(), v.gtValue(0), v.maxValue(24 * 90)),
});

/**
 * Validate one group offer, or list every problem with its path under `at`.
 *
 * @example
 * parseGroupOffer({ id: 'team3', title: 'Buy with 2 friends', campaign: 'team10', size: 3, windowHours: 24 }).ok; // true
 */
export function parseGroupOffer(input: unknown, at = 'groupOffer'): { ok: true; value: GroupOfferDefinition } | { ok: false; issues: DefinitionIssue[] } {
  const r = v.safeParse(GroupOfferSchema, input);
  if (r.success) return { ok: true, value: r.output };
  return {
    ok: false,
    issues: r.issues.map((i) => {
      const path = v.getDotPath(i);
      const message = /^Invalid key: Expected never/.test(i.message) ? 'unknown key' : /received undefined$/.test(i.message) ? 'required' : i.message;
      return { path: path ? `${at}.${path}` : at, message };
    }),
  };
}
