import { favouritesOf } from './favourites';
import { decayed } from './decay';
import { DAY_MS } from './options';
import type { InteractionLevel, PriceSensitivity, Profile, ProfileTags } from './types';

/**
 * Price sensitivity 0–1: mostly where the shopper's engaged prices sit in their categories'
 * ranges (cheap end → high), partly how much more they engage with discounted items than the
 * discounted share of what they were shown.
 *
 * @example
 * priceSensitivityOf(profile); // { level: 'high', score: 0.81 }
 */
export function priceSensitivityOf(p: Profile): { level: PriceSensitivity; score: number } {
  const s = p.price;
  if (s.engaged < 3) return { level: 'unknown', score: 0.5 };
  const positional = 1 - s.posSum / s.engaged;
  let score = positional;
  if (s.engagedPriced >= 3 && s.seen >= 5) {
    const lift = s.engagedDiscounted / s.engagedPriced - s.seenDiscounted / s.seen;
    score = 0.75 * positional + 0.25 * Math.min(1, Math.max(0, 0.5 + lift));
  }
  const level: PriceSensitivity = score >= 0.6 ? 'high' : score <= 0.4 ? 'low' : 'medium';
  return { level, score };
}

/**
 * Interaction level from decayed engagement (a view counts 1, a cart 4, a purchase 8, page and
 * list views ½), so a shopper who stops visiting drifts back down.
 *
 * @example
 * interactionOf(profile, Date.now()); // { level: 'medium', score: 12.5 }
 */
export function interactionOf(p: Profile, now: number): { level: InteractionLevel; score: number } {
  const score = decayed(p.activity.engagement.s, p.activity.engagement.at, now, p.halfLifeDays * DAY_MS);
  const level: InteractionLevel = score < 0.25 ? 'none' : score < 5 ? 'low' : score < 20 ? 'medium' : 'high';
  return { level, score };
}

/**
 * All tags at `now`.
 *
 * @example
 * tagsOf(profile, Date.now()).favouriteBrands; // ['Nike', 'Asics']
 */
export function tagsOf(p: Profile, now: number): ProfileTags {
  const price = priceSensitivityOf(p);
  const interaction = interactionOf(p, now);
  const favourites = favouritesOf(p, now);
  return {
    priceSensitivity: price.level,
    priceSensitivityScore: price.score,
    interactionLevel: interaction.level,
    interactionScore: interaction.score,
    favouriteCategories: favourites.categories,
    favouriteBrands: favourites.brands,
  };
}
