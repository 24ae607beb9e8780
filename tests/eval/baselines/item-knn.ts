import { sessionCounts } from '../cooccurrence';
import type { NextItemStrategy } from '../strategy';

/**
 * `item-knn`: items most similar to the last item, by cosine of their session vectors,
 * |S(a) ∩ S(b)| / √(|S(a)|·|S(b)|) — the classic item-to-item baseline of the session-based
 * comparisons (here without shrinkage).
 *
 * @example evaluateNextItem(train, test, [itemKnn])
 */
export const itemKnn: NextItemStrategy = {
  name: 'item-knn',
  fit(train) {
    const counts = sessionCounts(train);
    const joint = new Map<string, Map<string, number>>();
    for (const s of train) {
      const items = [...new Set(s.items)];
      for (const a of items) {
        let row = joint.get(a);
        if (!row) joint.set(a, (row = new Map()));
        for (const b of items) if (b !== a) row.set(b, (row.get(b) ?? 0) + 1);
      }
    }
    const cache = new Map<string, string[]>();
    const neighbours = (a: string): string[] => {
      let list = cache.get(a);
      if (!list) {
        const na = counts.get(a) ?? 1;
        const scored = [...(joint.get(a) ?? [])].map(([b, c]) => [b, c / Math.sqrt(na * counts.get(b)!)] as const);
        list = scored.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([b]) => b);
        cache.set(a, list);
      }
      return list;
    };
    return (prefix, k) => neighbours(prefix[prefix.length - 1]!).slice(0, k);
  },
};
