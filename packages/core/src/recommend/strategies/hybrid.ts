import { byScore } from '../candidates';
import type { RecommendCandidate, RecommendStrategyFn, StrategyName } from '../types';

/**
 * Default `hybrid` weights: personal and sequential signals first, popularity as a floor.
 * `embedding` (learned item embeddings, only when the model carries them) is a small partner of
 * `next`: blended at 0.05 against `next`'s 0.95 it was chosen on validation and raised YooChoose
 * test HR@20 0.682 → 0.693 (Diginetica 0.474 → 0.471, one hit of 346: noise); 0.02 keeps that
 * ratio to `next`'s 0.3 here (tests/eval/README-learned.md). `similar-shoppers` is not blended:
 * no weight beat `next` alone on validation.
 */
export const DEFAULT_HYBRID: Partial<Record<StrategyName, number>> = {
  'for-you': 0.3,
  next: 0.3,
  'also-viewed': 0.2,
  related: 0.1,
  trending: 0.05,
  popular: 0.05,
  embedding: 0.02,
};

/**
 * Makes the `hybrid` strategy over a strategy table: each strategy's normalised scores times its
 * weight (`ctx.blend`, default {@link DEFAULT_HYBRID}), summed; the reason comes from the part
 * that contributed most.
 *
 * @example makeHybrid(table)({ ...ctx, blend: { related: 1, popular: 0.2 } }, 8)
 */
export function makeHybrid(table: Partial<Record<StrategyName, RecommendStrategyFn>>): RecommendStrategyFn {
  return (ctx, want) => {
    const acc = new Map<string, RecommendCandidate & { best: number }>();
    for (const [name, weight] of Object.entries(ctx.blend ?? DEFAULT_HYBRID) as [StrategyName, number][]) {
      const fn = name === 'hybrid' ? undefined : table[name];
      if (!fn || !(weight > 0)) continue;
      for (const c of fn(ctx, want)) {
        const part = c.score * weight;
        const had = acc.get(c.id);
        if (!had) acc.set(c.id, { ...c, score: part, best: part });
        else {
          had.score += part;
          if (part > had.best) [had.best, had.reason] = [part, c.reason];
        }
      }
    }
    return [...acc.values()].map(({ id, score, reason }) => ({ id, score, reason })).sort(byScore);
  };
}
