import type { Product } from '../../types';
import { priceBand } from '../../profile/price-band';
import { nameOf, seeds, topN } from '../candidates';
import type { RecommendCandidate, RecommendStrategyFn } from '../types';

/**
 * Content similarity of two products in [0, 1]: shared category path (deepest level counts
 * most), brand, tags, price band (same or next band) and title words.
 *
 * @example contentSimilarity({ id: 'a', brand: 'X' }, { id: 'b', brand: 'X' }) // 0.2
 */
export function contentSimilarity(a: Product, b: Product): number {
  let score = 0;
  const ca = a.category ?? [];
  const cb = b.category ?? [];
  let depth = 0;
  while (depth < ca.length && depth < cb.length && ca[depth] === cb[depth]) depth++;
  // Squared so the same leaf category outweighs a shared brand in a sibling category.
  if (depth > 0) score += 0.5 * (depth / Math.max(ca.length, cb.length)) ** 2;
  if (a.brand && a.brand === b.brand) score += 0.2;
  const fa = features(a);
  const fb = features(b);
  score += 0.1 * jaccard(fa.tags, fb.tags);
  if (a.price !== undefined && b.price !== undefined) {
    const gap = Math.abs(priceBand(a.price) - priceBand(b.price));
    score += gap === 0 ? 0.1 : gap === 1 ? 0.05 : 0;
  }
  score += 0.1 * jaccard(fa.words, fb.words);
  return score;
}

/**
 * `related`: catalog products most similar in content to the anchor (else the recent views).
 * The reason names what they share.
 *
 * @example related({ catalog, anchor: 'shoe-1' }, 8)[0].reason // 'Similar to Trail shoe: same brand, same category'
 */
export const related: RecommendStrategyFn = (ctx, want) => {
  const from = seeds(ctx, 3)
    .map((id) => ctx.catalog?.get(id))
    .filter((p): p is Product => !!p);
  if (from.length === 0 || !ctx.catalog) return [];
  const out: { id: string; score: number; p: Product; seed: Product }[] = [];
  for (const p of ctx.catalog.all()) {
    let best = 0;
    let bestSeed = from[0]!;
    from.forEach((seed, i) => {
      // Cheap gate first: only a shared top category or brand makes a product "related"
      // (tags and title words refine the order; alone they match too much of a catalog).
      if (p.id === seed.id || !(sameTop(seed, p) || (seed.brand && seed.brand === p.brand))) return;
      const s = contentSimilarity(seed, p) / (i + 1);
      if (s > best) [best, bestSeed] = [s, seed];
    });
    if (best > 0.05) out.push({ id: p.id, score: best, p, seed: bestSeed });
  }
  return topN(out, want * 3).map(
    (c): RecommendCandidate => ({ id: c.id, score: c.score, reason: reasonFor(nameOf(ctx, c.seed.id), c.seed, c.p) }),
  );
};

function sameTop(a: Product, b: Product): boolean {
  return !!a.category?.[0] && a.category[0] === b.category?.[0];
}

function reasonFor(name: string, seed: Product, p: Product): string {
  const shared: string[] = [];
  if (seed.brand && seed.brand === p.brand) shared.push('same brand');
  const leaf = seed.category?.[seed.category.length - 1];
  if (leaf && p.category?.includes(leaf)) shared.push(`also in ${leaf}`);
  else if (seed.category?.[0] && seed.category[0] === p.category?.[0]) shared.push(`also in ${seed.category[0]}`);
  if (seed.price !== undefined && p.price !== undefined && priceBand(seed.price) === priceBand(p.price)) shared.push('similar price');
  return shared.length ? `Similar to ${name}: ${shared.join(', ')}` : `Similar to ${name}`;
}

// Products are immutable values (the catalog replaces them on merge), so their word sets can be
// cached: a `related` scan compares the anchor with every product of the catalog.
const cache = new WeakMap<Product, { tags: Set<string>; words: Set<string> }>();
function features(p: Product): { tags: Set<string>; words: Set<string> } {
  let f = cache.get(p);
  if (!f) {
    const words = (p.title ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);
    cache.set(p, (f = { tags: new Set(p.tags ?? []), words: new Set(words) }));
  }
  return f;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}
