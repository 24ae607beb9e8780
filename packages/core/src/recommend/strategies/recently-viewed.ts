import type { RecommendStrategyFn } from '../types';

/**
 * `recently-viewed`: the shopper's own views, newest first (the anchor is excluded later).
 * Scores fall with age so a blend prefers the latest.
 *
 * @example recentlyViewed({ viewed: ['a', 'b'] }, 5) // [{ id: 'b', score: 1, … }, { id: 'a', score: 0.5, … }]
 */
export const recentlyViewed: RecommendStrategyFn = (ctx, want) => {
  const viewed = ctx.viewed ?? [];
  const out: { id: string; score: number; reason: string }[] = [];
  for (let i = viewed.length - 1; i >= 0 && out.length < want * 2; i--) {
    const id = viewed[i]!;
    if (!out.some((c) => c.id === id)) out.push({ id, score: 1 / (out.length + 1), reason: 'You viewed this recently' });
  }
  return out;
};
