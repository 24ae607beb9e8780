import { randomInt } from 'node:crypto';

/** A prize as the draw sees it: its weight and how many are left (`null` = unlimited). */
export interface DrawCandidate {
  id: string;
  weight: number;
  remaining: number | null;
}

/**
 * Pick one prize among those still in stock, with probability weight / (sum of in-stock weights),
 * using the server's CSPRNG (`crypto.randomInt`, unbiased). A prize that runs out simply leaves
 * the pool, so the others keep their relative odds: with "none" 60, "ten" 30 and "tv" 10, once
 * the TV is gone the odds become 60/90 and 30/90. `undefined` when nothing is left.
 *
 * @example
 * pickPrize([{ id: 'none', weight: 9, remaining: null }, { id: 'tv', weight: 1, remaining: 0 }]); // 'none'
 */
export function pickPrize(candidates: readonly DrawCandidate[], random: (max: number) => number = randomInt): string | undefined {
  const pool = candidates.filter((c) => c.remaining === null || c.remaining > 0);
  const total = pool.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0) return undefined;
  let r = random(total);
  for (const c of pool) {
    if (r < c.weight) return c.id;
    r -= c.weight;
  }
  return undefined;
}

/**
 * The odds each prize has right now (0 for one out of stock), as published for fair play.
 *
 * @example
 * currentOdds([{ id: 'a', weight: 1, remaining: null }, { id: 'b', weight: 3, remaining: 2 }]); // { a: 0.25, b: 0.75 }
 */
export function currentOdds(candidates: readonly DrawCandidate[]): Record<string, number> {
  const inStock = (c: DrawCandidate) => c.remaining === null || c.remaining > 0;
  const total = candidates.reduce((sum, c) => sum + (inStock(c) ? c.weight : 0), 0);
  return Object.fromEntries(candidates.map((c) => [c.id, total && inStock(c) ? c.weight / total : 0]));
}
