/** Counts per pair of item indexes, nested so both keys stay small integers (fast Map hashing). */
export type PairCounts = Map<number, Map<number, number>>;

/** Add `by` to the count of the pair `(a, b)`; a count reaching 0 is removed. */
export function bump(counts: PairCounts, a: number, b: number, by = 1): void {
  let inner = counts.get(a);
  if (!inner) counts.set(a, (inner = new Map()));
  const next = (inner.get(b) ?? 0) + by;
  if (next !== 0) inner.set(b, next);
  else if (inner.delete(b) && inner.size === 0) counts.delete(a);
}

/**
 * Co-occurrence counts over baskets (a session's views, a session's cart, an order), kept up to
 * date one item at a time: the number of baskets holding each item, the number of baskets
 * holding each unordered pair, and the number of non-empty baskets. Baskets with more than
 * `maxBasket` items (bots, crawlers) count their items but add no pairs: the pairs a basket
 * added are taken back when it grows past the limit, so the counts never depend on the order
 * items arrive in.
 *
 * Baskets are plain arrays of item indexes (fewer live objects than Sets: a server keeps one
 * per session, and the garbage collector walks them all).
 *
 * @example
 * const views = createBasketCounts(50);
 * const basket: number[] = [];
 * views.add(basket, 3); views.add(basket, 7); // pair (3, 7) seen once
 */
export interface BasketCounts {
  /** Put `item` into `basket` (a no-op when it is already there) and update the counts. */
  add(basket: number[], item: number): void;
  /** Baskets holding `item`. */
  single(item: number): number;
  /** Baskets holding both items, keyed by the smaller index first. */
  readonly joint: PairCounts;
  /** Non-empty baskets. */
  readonly baskets: number;
  /** The counts as plain data (live references, not copies), for `createBasketCounts(max, state)`. */
  state(): BasketCountsState;
}

/** What {@link BasketCounts.state} returns: structured-cloneable, so it can cross threads. */
export interface BasketCountsState {
  single: Int32Array;
  joint: PairCounts;
  baskets: number;
}

/** Counts for baskets of at most `maxBasket` pairing items, empty or continuing from `from`. */
export function createBasketCounts(maxBasket: number, from?: BasketCountsState): BasketCounts {
  let single = from?.single ?? new Int32Array(1024);
  const joint: PairCounts = from?.joint ?? new Map();
  let baskets = from?.baskets ?? 0;
  const pair = (a: number, b: number, by: number) => (a < b ? bump(joint, a, b, by) : bump(joint, b, a, by));
  return {
    joint,
    get baskets() {
      return baskets;
    },
    single: (item) => (item < single.length ? single[item]! : 0),
    state: () => ({ single, joint, baskets }),
    add(basket, item) {
      if (basket.includes(item)) return;
      if (item >= single.length) {
        const grown = new Int32Array(Math.max(single.length * 2, item + 1));
        grown.set(single);
        single = grown;
      }
      single[item]!++;
      const size = basket.length;
      if (size === 0) baskets++;
      if (size < maxBasket) {
        for (let k = 0; k < size; k++) pair(item, basket[k]!, 1);
      } else if (size === maxBasket) {
        // Growing past the limit: this basket stops counting as evidence of pairs.
        for (let x = 0; x < size; x++) for (let y = x + 1; y < size; y++) pair(basket[x]!, basket[y]!, -1);
      }
      basket.push(item);
    },
  };
}
