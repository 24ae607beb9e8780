import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { Profile } from '../profile/types';
import type { ModelPayload, Product } from '../types';
import { rank } from './rank';
import type { RankOptions } from './types';

/** Options of `connectRankedList`: rank options with live stores for products, profile and model. */
export interface RankedListOptions extends Omit<RankOptions, 'profile' | 'model' | 'now'> {
  /** The list to re-rank, in the merchant's order (a store, or a fixed array). */
  products: ReadableAtom<readonly Product[]> | readonly Product[];
  /** The live profile (`createProfile(...).$profile`). */
  $profile?: ReadableAtom<Profile | null | undefined>;
  /** The live server model, when there is one. */
  $model?: ReadableAtom<ModelPayload | null | undefined>;
  /** Clock for decay. Default `Date.now`. */
  now?: () => number;
}

/**
 * A store of ranked product ids that re-ranks whenever the products, profile or model change
 * (so a view on this page reorders the next list without a reload). Only emits when the order
 * actually changed. Ranking errors keep the previous order rather than break the page.
 *
 * @example
 * const $ids = connectRankedList({ products: $categoryProducts, $profile: profile.$profile, rules: { outOfStockLast: true } });
 * $ids.subscribe((ids) => render(ids));
 */
export function connectRankedList(options: RankedListOptions): ReadableAtom<string[]> {
  const { products, $profile, $model, now = Date.now, ...rest } = options;
  const $products = isStore(products) ? products : atom(products);
  const $ids = atom<string[]>([]);
  const update = () => {
    try {
      const ranked = rank($products.get(), { ...rest, profile: $profile?.get(), model: $model?.get(), now: now() });
      const ids = ranked.map((r) => r.id);
      if (!sameIds(ids, $ids.get())) $ids.set(ids);
    } catch (err) {
      if (typeof console !== 'undefined') console.warn('[affinity] ranking failed; keeping the previous order:', err);
    }
  };
  onMount($ids, () => {
    update();
    const stops = [$products.listen(update), $profile?.listen(update), $model?.listen(update)];
    return () => stops.forEach((stop) => stop?.());
  });
  return $ids;
}

function isStore<T>(x: ReadableAtom<T> | T): x is ReadableAtom<T> {
  return typeof x === 'object' && x !== null && typeof (x as ReadableAtom<T>).listen === 'function';
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
