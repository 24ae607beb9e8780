import type { Scored } from '../../types';
import { normalise } from '../candidates';
import type { RecommendCandidate, RecommendStrategyFn } from '../types';

/**
 * `popular`: the model's time-decayed popularity, per top-level category when `ctx.category`
 * is set (falling back to overall). Without a model, catalog products by rating count.
 *
 * @example popular({ model }, 10) // [{ id: 'p1', score: 1, reason: 'Popular right now' }, …]
 */
export const popular: RecommendStrategyFn = (ctx, want) => {
  const byCategory = ctx.category ? ctx.model?.popularByCategory?.[ctx.category] : undefined;
  if (byCategory?.length) return fromScored(byCategory, want, `Popular in ${ctx.category}`);
  if (ctx.model?.popular?.length) return fromScored(ctx.model.popular, want, 'Popular right now');
  const rated = (ctx.catalog?.all() ?? [])
    .filter((p) => !ctx.category || p.category?.[0] === ctx.category)
    .map((p): RecommendCandidate => ({ id: p.id, score: (p.ratingCount ?? 0) * (p.rating ?? 3) + 1e-6, reason: 'Popular with shoppers' }));
  return normalise(rated).slice(0, want);
};

/**
 * `trending`: items whose recent rate beats their long-run rate; within `ctx.category` when set.
 * Falls back to `popular` (the fallback chain) when the model has no trend.
 *
 * @example trending({ model }, 10) // [{ id: 'p9', score: 1, reason: 'Trending now' }, …]
 */
export const trending: RecommendStrategyFn = (ctx, want) => {
  let list = ctx.model?.trending ?? [];
  if (ctx.category && ctx.catalog) list = list.filter(([id]) => ctx.catalog!.get(id)?.category?.[0] === ctx.category);
  return fromScored(list, want, ctx.category ? `Trending in ${ctx.category}` : 'Trending now');
};

function fromScored(list: readonly Scored[], want: number, reason: string): RecommendCandidate[] {
  // Take more than asked: exclusions run later and must still leave a full widget.
  return normalise(list.slice(0, want * 3).map(([id, score]) => ({ id, score, reason })));
}
