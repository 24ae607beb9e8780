import type { RankContext } from './context';
import { embeddingSource } from './embedding';
import { featuresOf } from './features';
import type { ScoringState } from './score';
import type { Product } from '../types';
import type { RankedItem, ScoreParts } from './types';

type Signal = Exclude<keyof ScoreParts, 'base'>;
const SIGNALS: Signal[] = ['affinity', 'history', 'cooccurrence', 'embedding', 'rating', 'popularity', 'trend', 'price', 'region', 'rule'];

/**
 * A plain-words reason for a ranked item: its merchant rule, else its strongest signal.
 *
 * @example
 * reasonFor(item, scoring); // "Matches your interest in Shoes > Running"
 */
export function reasonFor(item: RankedItem, scoring: ScoringState | null): string {
  if (item.pinned) return 'Pinned by the store';
  if (item.outOfStock) return 'Out of stock';
  if (item.buried) return 'Placed lower by the store';
  const parts = item.parts;
  if (!scoring) return parts.rule > 0.05 ? 'Promoted by the store' : "In the store's order";
  const { ctx, w } = scoring;
  // Item-level history says more than a category match about this very product.
  if (parts.history > 0.5 && item.product.repeatable === true && wasBought(ctx, item.product)) return 'Buy it again';
  let best: Signal | undefined;
  let bestValue = 0.05;
  let worst: Signal | undefined;
  let worstValue = -0.3;
  for (const s of SIGNALS) {
    const v = s === 'rule' ? parts.rule : parts[s] * w[s as keyof typeof w];
    if (v > bestValue) (bestValue = v), (best = s);
    if (v < worstValue) (worstValue = v), (worst = s);
  }
  const p = item.product;
  if (worst === 'history' && worstValue < -bestValue) return 'You already bought this';
  if (worst === 'region' && worstValue < -bestValue) return 'Not sold in your region';
  switch (best) {
    case 'affinity':
      return `Matches your interest in ${interestLabel(item, ctx)}`;
    case 'history':
      return wasBought(ctx, item.product) ? 'Buy it again' : 'You looked at this recently';
    case 'cooccurrence': {
      const from = ctx.cooccurrenceFrom.get(item.id);
      const name = from ? (ctx.profile?.items[from]?.name ?? from) : undefined;
      return name ? `Often viewed with ${name}` : 'Often viewed with items you looked at';
    }
    case 'embedding': {
      const from = ctx.embedding ? embeddingSource(ctx.embedding, item.id) : undefined;
      const name = from ? ctx.profile?.items[from]?.name : undefined;
      return name ? `Similar to ${name}` : 'Similar to items you viewed';
    }
    case 'rating':
      return `Rated ${p.rating!.toFixed(1)} by ${p.ratingCount ?? 0} ${p.ratingCount === 1 ? 'shopper' : 'shoppers'}`;
    case 'popularity':
      return 'Popular with other shoppers';
    case 'trend':
      return 'Trending now';
    case 'price':
      return ctx.sensitivity > 0 ? 'Good value for your budget' : 'A premium pick for you';
    case 'region':
      return 'Sold in your region';
    case 'rule':
      return 'Promoted by the store';
  }
  return "In the store's order";
}

function wasBought(ctx: RankContext, p: Product): boolean {
  const k = featuresOf(p).item;
  return k < ctx.bought.length && ctx.bought[k] === 1;
}

/** The deepest category of the product the shopper likes, else its brand. */
function interestLabel(item: RankedItem, ctx: RankContext): string {
  const p = item.product;
  const cat = p.category ?? [];
  // The category affinities, scaled within their depth, by interned category prefix.
  const ids = featuresOf(p).cats;
  const table = ctx.affinity;
  let depth = 0;
  for (let d = 0; d < ids.length; d++) if (ids[d]! < table.length && table[ids[d]!]! > 0) depth = d + 1;
  const brand = p.brand ? (ctx.brands.get(p.brand) ?? 0) : 0;
  if (depth && !(brand > 0.9 && depth === 1)) return cat.slice(0, depth).join(' > ');
  if (brand > 0) return p.brand!;
  const tag = p.tags?.find((t) => (ctx.tags.get(t) ?? 0) > 0);
  return tag ?? 'similar items';
}
