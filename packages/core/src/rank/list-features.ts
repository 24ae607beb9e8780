import { PRICE_BANDS } from '../profile/price-band';
import type { Product } from '../types';
import { featuresOf } from './features';

/** Bits of `ListFeatures.flags`. */
export const RATED = 1;
export const REPEATABLE = 2;
export const OUT_OF_STOCK = 4;
export const HAS_REGIONS = 8;

/**
 * Everything profile-independent that ranking reads of a product list, in flat typed arrays
 * indexed by position in the list: the loops then walk contiguous memory instead of chasing
 * products (objects of many shapes, scattered on the heap) in score order.
 */
export interface ListFeatures {
  /** The entries the list had when this was built. */
  products: readonly Product[];
  ids: string[];
  /** Interned category prefix ids of product i: `cats[catAt[i]]` … `cats[catAt[i + 1] - 1]`. */
  catAt: Uint32Array;
  cats: Int32Array;
  /** Interned tag ids of product i: `tags[tagAt[i]]` … `tags[tagAt[i + 1] - 1]`. */
  tagAt: Uint32Array;
  tags: Int32Array;
  brand: Int32Array;
  item: Int32Array;
  /** log2 of the price, NaN when unknown. */
  log2Price: Float64Array;
  /** Price band index, −1 when the price is unknown. */
  band: Int8Array;
  /** Where the price sits in the list's range: 1 cheapest … −1 dearest (NaN when unknown). */
  pricePos: Float64Array;
  rating: Float64Array;
  ratingCount: Float64Array;
  /** `RATED | REPEATABLE | OUT_OF_STOCK | HAS_REGIONS` per product. */
  flags: Uint8Array;
  /** Sum and count of the ratings, for the rating prior. */
  ratingSum: number;
  rated: number;
  minLog: number;
  maxLog: number;
  /** Id → positions, built on first use: rules look up a few ids, not every product. */
  at?: Map<string, number[]>;
  /** Rating parts against the list's own rating prior, built on first use (see `prepareScoring`). */
  ratings?: Float64Array;
  /** The weighted parts no shopper changes, by list position, for the latest model and weights (see `prepareScoring`). */
  shared?: SharedParts;
}

/** `wR · rating + wP · popularity + wT · trend` per list position, and what it was built from. */
export interface SharedParts {
  ratings: Float64Array;
  popularity: Float64Array;
  trend: Float64Array;
  wR: number;
  wP: number;
  wT: number;
  values: Float64Array;
}

const lists = new WeakMap<readonly Product[], ListFeatures>();

/**
 * The features of a product list, cached per array: a listing is re-ranked after every event
 * (each publishes a new profile), and this pass costs about as much as the scoring. The cache
 * is checked against the entries it was built from, so an array changed in place is rebuilt;
 * products themselves are treated as immutable.
 *
 * @example
 * listFeatures(products).log2Price[0]; // log2 of the first product's price
 */
export function listFeatures(products: readonly Product[]): ListFeatures {
  const hit = cachedListFeatures(products);
  if (hit) return hit;
  const n = products.length;
  const features = products.map(featuresOf);
  let catCount = 0;
  let tagCount = 0;
  for (const f of features) (catCount += f.cats.length), (tagCount += f.tags.length);
  const l: ListFeatures = {
    products: products.slice(),
    ids: products.map((p) => p.id),
    catAt: new Uint32Array(n + 1),
    cats: new Int32Array(catCount),
    tagAt: new Uint32Array(n + 1),
    tags: new Int32Array(tagCount),
    brand: new Int32Array(n),
    item: new Int32Array(n),
    log2Price: new Float64Array(n),
    band: new Int8Array(n),
    pricePos: new Float64Array(n),
    rating: new Float64Array(n),
    ratingCount: new Float64Array(n),
    flags: new Uint8Array(n),
    ratingSum: 0,
    rated: 0,
    minLog: Infinity,
    maxLog: -Infinity,
  };
  let c = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const p = products[i]!;
    const f = features[i]!;
    l.cats.set(f.cats, c);
    l.catAt[i + 1] = c += f.cats.length;
    l.tags.set(f.tags, t);
    l.tagAt[i + 1] = t += f.tags.length;
    l.brand[i] = f.brand;
    l.item[i] = f.item;
    const lp = (l.log2Price[i] = f.log2Price);
    if (lp < l.minLog) l.minLog = lp;
    if (lp > l.maxLog) l.maxLog = lp;
    l.band[i] = lp === lp ? (lp < 0 ? 0 : Math.min(PRICE_BANDS - 1, Math.floor(lp) + 1)) : -1;
    let flags = (p.repeatable === true ? REPEATABLE : 0) | (p.stock === 0 ? OUT_OF_STOCK : 0) | (p.regions !== undefined ? HAS_REGIONS : 0);
    if (typeof p.rating === 'number') {
      flags |= RATED;
      l.ratingSum += l.rating[i] = p.rating;
      l.ratingCount[i] = p.ratingCount ?? 0;
      l.rated++;
    }
    l.flags[i] = flags;
  }
  pricePositions(l.log2Price, l.pricePos);
  lists.set(products, l);
  return l;
}

/**
 * The cached features of this very array, if it still holds the same entries.
 *
 * @example
 * cachedListFeatures(products) ?? listFeatures(clean(products));
 */
export function cachedListFeatures(products: readonly Product[]): ListFeatures | undefined {
  const hit = lists.get(products);
  if (hit === undefined || hit.products.length !== products.length) return undefined;
  const n = products.length;
  let i = 0;
  while (i < n && hit.products[i] === products[i]) i++;
  return i === n ? hit : undefined;
}


/**
 * Positions of an id in the list (usually one; none when absent).
 *
 * @example
 * positionsOf(listFeatures(products), 'sku-1'); // [3]
 */
export function positionsOf(l: ListFeatures, id: string): readonly number[] {
  if (!l.at) {
    const at = (l.at = new Map());
    l.ids.forEach((id, i) => (at.get(id) ?? at.set(id, []).get(id)!).push(i));
  }
  return l.at.get(id) ?? [];
}

/**
 * Where each price sits in the list, +1 cheap end to −1 dear end, on a log scale between the
 * list's 5th and 95th price percentiles (clamped beyond them). Not between its cheapest and
 * dearest: a catalogue of mostly £1–£5 items with a few £100 ones would otherwise squeeze nearly
 * every product to the same position, and a bargain hunter would see no difference.
 * Unpriced products get 0.
 */
function pricePositions(log2Price: Float64Array, out: Float64Array): void {
  const priced: number[] = [];
  for (let i = 0; i < log2Price.length; i++) if (log2Price[i] === log2Price[i]) priced.push(log2Price[i]!);
  priced.sort((a, b) => a - b);
  const m = priced.length;
  const quantile = (q: number) => {
    const at = q * (m - 1);
    const i = Math.floor(at);
    return m ? priced[i]! + (at - i) * ((priced[Math.min(i + 1, m - 1)] ?? 0) - priced[i]!) : 0;
  };
  const lo = quantile(0.05);
  const hi = quantile(0.95);
  const span = hi - lo;
  for (let i = 0; i < log2Price.length; i++) {
    const lp = log2Price[i]!;
    out[i] = lp !== lp || !(span > 0) ? 0 : Math.max(-1, Math.min(1, 1 - (2 * (lp - lo)) / span));
  }
}
