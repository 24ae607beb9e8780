import type { Neighbour } from '../../types';
import { byScore, nameOf, seeds } from '../candidates';
import type { RecommendCandidate, RecommendContext, RecommendStrategyFn } from '../types';

type Table = Record<string, Neighbour[]> | undefined;
type Phrase = (name: string, percent: number) => string;

/**
 * Sums the neighbours of weighted seed items. A neighbour scores confidence × (1 + ln lift):
 * confidence says "how often", lift discounts items that go with everything. The reason names
 * the seed that contributed most. Malformed rows are skipped.
 *
 * @example neighboursOf(ctx, model.boughtTogether, [['tent', 1]], (name, pct) => `${pct}% with ${name}`)
 */
export function neighboursOf(
  ctx: RecommendContext,
  table: Table,
  seedWeights: readonly [string, number][],
  phrase: Phrase,
): RecommendCandidate[] {
  if (!table) return [];
  const acc = new Map<string, { score: number; best: number; seed: string; confidence: number }>();
  for (const [seed, weight] of seedWeights) {
    for (const row of table[seed] ?? []) {
      if (!Array.isArray(row)) continue;
      const [id, , confidence, lift] = row;
      if (typeof id !== 'string' || !(confidence > 0)) continue;
      const part = weight * confidence * (1 + Math.log(Math.max(1, lift || 1)));
      const a = acc.get(id) ?? { score: 0, best: 0, seed, confidence };
      a.score += part;
      if (part > a.best) Object.assign(a, { best: part, seed, confidence });
      acc.set(id, a);
    }
  }
  const max = Math.max(0, ...[...acc.values()].map((a) => a.score));
  return [...acc]
    .map(([id, a]) => ({ id, score: a.score / max, reason: phrase(nameOf(ctx, a.seed), Math.round(a.confidence * 100)) }))
    .sort(byScore);
}

/** Seeds with weights falling by rank: the anchor (or newest view) counts most. */
function rankedSeeds(ids: readonly string[]): [string, number][] {
  return ids.map((id, i) => [id, 1 / (i + 1)]);
}

/**
 * `also-viewed`: items viewed in the same sessions as the anchor and recent views.
 *
 * @example alsoViewed({ model, anchor: 'shoe' }, 8)[0].reason // '42% of shoppers who viewed Trail shoe also viewed this'
 */
export const alsoViewed: RecommendStrategyFn = (ctx) =>
  neighboursOf(ctx, ctx.model?.alsoViewed, rankedSeeds(seeds(ctx)), (name, pct) => `${pct}% of shoppers who viewed ${name} also viewed this`);

/**
 * `bought-together`: items bought in the same orders as the anchor (else the cart, else recent views).
 *
 * @example boughtTogether({ model, anchor: 'shoe' }, 8)[0].reason // 'Bought together with Trail shoe by 31% of buyers'
 */
export const boughtTogether: RecommendStrategyFn = (ctx) => {
  const from = ctx.anchor ? seeds(ctx) : ctx.cart?.length ? [...ctx.cart].reverse() : seeds(ctx);
  return neighboursOf(ctx, ctx.model?.boughtTogether, rankedSeeds(from), (name, pct) => `Bought together with ${name} by ${pct}% of buyers`);
};

/**
 * `cart-complement`: basket rules applied to the whole cart — every cart item votes equally,
 * bought-together rules first, carted-together rules at half weight.
 *
 * @example cartComplement({ model, cart: ['tent', 'stove'] }, 8)[0].reason // 'Goes with Tent in your cart: bought together by 18% of buyers'
 */
export const cartComplement: RecommendStrategyFn = (ctx) => {
  const cart = [...new Set(ctx.cart ?? [])];
  if (cart.length === 0) return [];
  const phrase: Phrase = (name, pct) => `Goes with ${name} in your cart: bought together by ${pct}% of buyers`;
  const bought = neighboursOf(ctx, ctx.model?.boughtTogether, cart.map((id) => [id, 1]), phrase);
  const carted = neighboursOf(ctx, ctx.model?.cartedTogether, cart.map((id) => [id, 1]), (name, pct) =>
    `Often added to carts with ${name} (${pct}%)`,
  );
  const merged = new Map(bought.map((c) => [c.id, c]));
  for (const c of carted) {
    const had = merged.get(c.id);
    if (had) had.score += c.score / 2;
    else merged.set(c.id, { ...c, score: c.score / 2 });
  }
  return [...merged.values()].sort(byScore);
};
