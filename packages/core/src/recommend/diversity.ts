import { diversify as mmr } from '../rank/diversify';
import type { Product } from '../types';
import { contentSimilarity } from './strategies/related';

/**
 * The diversity pass of every strategy: the ranker's MMR over the best `limit × 3` candidates,
 * with content similarity between products, so a widget is not a wall of near-duplicates.
 * Products the catalog does not know count as unrelated (order unchanged).
 *
 * @example diversifyCandidates(list, (id) => catalog.get(id), 8, 0.8)
 */
export function diversifyCandidates<T extends { id: string; score: number }>(
  list: readonly T[],
  productOf: (id: string) => Product | undefined,
  limit: number,
  lambda = 0.8,
): T[] {
  const pool = list.slice(0, limit * 3);
  const products = pool.map((c) => productOf(c.id));
  const index = new Map(pool.map((c, i) => [c, i]));
  const similarity = (a: T, b: T) => {
    const pa = products[index.get(a)!];
    const pb = products[index.get(b)!];
    return pa && pb ? Math.min(1, contentSimilarity(pa, pb)) : 0;
  };
  return mmr(pool, pool.map((c) => c.score), similarity, lambda, limit).slice(0, limit);
}
