/**
 * Maximal Marginal Relevance: pick `k` items one at a time, each maximising
 * `lambda * relevance − (1 − lambda) * (max similarity to the items already picked)`, then
 * append the rest in their original order. `lambda = 1` keeps pure relevance order, lower
 * values spread the top of the list. Deterministic: ties go to the earlier item.
 * Cost: O(k · n) similarity calls (each candidate only compares with the latest pick).
 *
 * @param items candidates, usually best first
 * @param relevance one score per item (any scale; ideally 0–1 to match similarity)
 * @param similarity 0 (unrelated) … 1 (same)
 * @param lambda trade-off, 0–1 (default 0.7)
 * @param k how many positions to diversify (default all)
 * @example
 * diversify(products, scores, (a, b) => (a.brand === b.brand ? 1 : 0), 0.7, 10);
 */
export function diversify<T>(
  items: readonly T[],
  relevance: ArrayLike<number>,
  similarity: (a: T, b: T) => number,
  lambda = 0.7,
  k = items.length,
): T[] {
  const n = items.length;
  const picks = Math.max(0, Math.min(k, n));
  if (picks === 0 || lambda >= 1) return items.slice();
  const maxSim = new Float64Array(n);
  const taken = new Uint8Array(n);
  const out: T[] = [];
  let last = -1;
  for (let step = 0; step < picks; step++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      if (last >= 0) {
        const s = similarity(items[i]!, items[last]!);
        if (s > maxSim[i]!) maxSim[i] = s;
      }
      const mmr = lambda * relevance[i]! - (1 - lambda) * maxSim[i]!;
      if (mmr > bestScore) (bestScore = mmr), (best = i);
    }
    taken[best] = 1;
    out.push(items[best]!);
    last = best;
  }
  for (let i = 0; i < n; i++) if (!taken[i]) out.push(items[i]!);
  return out;
}
