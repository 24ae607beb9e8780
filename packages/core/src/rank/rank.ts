import type { Product } from '../types';
import { rankContext, type RankContext } from './context';
import { diversify } from './diversify';
import { OUT_OF_STOCK, cachedListFeatures, listFeatures, positionsOf, type ListFeatures } from './list-features';
import { BURIED_FLAG, PINNED_FLAG, RankedItem, type RankCall } from './ranked-item';
import { prepareScoring, scoreProducts } from './score';
import { sortByScore } from './sort-by-score';
import { DEFAULT_RANK_WEIGHTS, type RankOptions, type RankWeights } from './types';

/**
 * Re-order a product list for the shopper: a weighted blend of the merchant's order, profile
 * affinity, history, rating, popularity/trend, session co-occurrence, learned-embedding
 * similarity to the session's and profile's items, region and price fit,
 * then an MMR diversity pass over the top, then the merchant's rules (boost, bury,
 * out-of-stock last, pins). Deterministic; equal scores keep the input order; with no profile
 * (or an empty one) and no session items the input order is kept, rules aside.
 * Treat products as immutable: their features are cached per object.
 *
 * @example
 * const ranked = rank(products, { profile: $profile.get(), model, rules: { pin: { 'sku-1': 1 } } });
 * ranked[0].reason; // "Pinned by the store"
 * ranked[1].reason; // "Matches your interest in Shoes > Running"
 */
export function rank(input: readonly Product[], options: RankOptions = {}): RankedItem[] {
  // A cached list was checked when it was cached (and products are immutable).
  const cached = cachedListFeatures(input);
  const list = cached ?? listFeatures(usable(input));
  const { products, ids } = list;
  const n = products.length;
  const now = options.now ?? Date.now();
  const w: RankWeights = { ...DEFAULT_RANK_WEIGHTS, ...options.weights };
  const ctx = rankContext(options, now);
  const rules = options.rules ?? {};
  const boost = rules.boost && Object.keys(rules.boost).length ? rules.boost : undefined;
  const scores = new Float64Array(n);
  const span = n > 1 ? n - 1 : 1;
  const scoring = ctx.personal ? prepareScoring(list, options, ctx, w) : null;

  const wBase = w.base;
  if (scoring) scoreProducts(scoring, 0, n, NO_PARTS, scores, wBase, n);
  else for (let i = 0; i < n; i++) scores[i] = wBase * (1 - i / span);
  if (boost) {
    for (let i = 0; i < n; i++) {
      const b = boost[ids[i]!];
      if (typeof b === 'number' && Number.isFinite(b)) scores[i]! += b;
    }
  }

  const order = sortByScore(scores, n);
  return arrange(order, scores, list, { scoring, n, boost }, ctx, options);
}

/** The list without entries that are not products (no object, no id); copies only if needed. */
function usable(list: readonly Product[]): readonly Product[] {
  if (!Array.isArray(list)) return [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (!p || typeof p !== 'object' || typeof p.id !== 'string') return list.filter((x) => x && typeof x === 'object' && typeof x.id === 'string');
  }
  return list;
}

/** `scoreProducts` writes no parts when it writes scores. */
const NO_PARTS = new Float64Array(0);
// A module-local copy: CommonJS loaders turn each read of an imported binding into a getter call.
const OUT_OF_STOCK_BIT = OUT_OF_STOCK;
// Marks share the result flags' bits, so a result's flags are `mark | out-of-stock bit`.
const PINNED = PINNED_FLAG;
const BURIED = BURIED_FLAG;

/**
 * Diversity over the top, then rules: buried and out-of-stock to the end, pins to their places.
 * Works on indices and typed arrays; result objects are made once, in their final order.
 */
function arrange(order: Uint32Array, scores: Float64Array, list: ListFeatures, call: RankCall, ctx: RankContext, o: RankOptions): RankedItem[] {
  const { products, ids } = list;
  const rules = o.rules ?? {};
  const n = order.length;
  const marks = new Uint8Array(n);
  const pins = new Map<string, number>();
  for (const [id, at] of Object.entries(rules.pin ?? {})) if (Number.isFinite(at)) pins.set(id, Math.floor(at));
  for (const id of rules.bury ?? []) for (const i of positionsOf(list, id)) marks[i] = BURIED;
  for (const id of pins.keys()) for (const i of positionsOf(list, id)) marks[i] = PINNED;
  const oosLast = rules.outOfStockLast !== false;
  const flags = list.flags;
  // The head is compacted in place in `order` and the few others wait aside: no copies of the
  // whole list, which cost more than the diversity pass itself.
  let end = 0;
  const buried: number[] = [];
  const soldOut: number[] = [];
  const pinned: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const m = marks[i];
    if (m === PINNED) pinned.push(i);
    else if (oosLast && flags[i]! & OUT_OF_STOCK_BIT) (marks[i] = 0), soldOut.push(i);
    else if (m === BURIED) buried.push(i);
    else order[end++] = i;
  }

  const div = o.diversity === false ? undefined : (o.diversity ?? {});
  if (ctx.personal && div && end > 2) diversifyTop(order, end, scores, list, div.lambda ?? 0.7, div.top ?? 12);

  for (const i of buried) order[end++] = i;
  for (const i of soldOut) order[end++] = i;
  const pinAt = (i: number) => pins.get(ids[i]!)!;
  pinned.sort((a, b) => pinAt(a) - pinAt(b) || a - b);
  // As `splice` would insert them, one after another (the pinned fill the free tail).
  for (const i of pinned) {
    const at = Math.max(0, Math.min(end, pinAt(i) - 1));
    order.copyWithin(at + 1, at, end++);
    order[at] = i;
  }
  const out: RankedItem[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    out[k] = new RankedItem(products[i]!, i, scores[i]!, call, marks[i]! | (flags[i]! & OUT_OF_STOCK_BIT), k);
  }
  return out;
}

/** MMR over the best `top * 3` of the first `end` entries of `order`, in place. */
function diversifyTop(order: Uint32Array, end: number, scores: Float64Array, list: ListFeatures, lambda: number, top: number): void {
  const poolSize = Math.min(end, top * 3);
  const pool: number[] = [];
  for (let k = 0; k < poolSize; k++) pool.push(order[k]!);
  let min = Infinity;
  let max = -Infinity;
  for (const i of pool) (min = Math.min(min, scores[i]!)), (max = Math.max(max, scores[i]!));
  const rel = pool.map((i) => (max > min ? (scores[i]! - min) / (max - min) : 1));
  order.set(diversify(pool, rel, (a, b) => similarityAt(list, a, b), lambda, Math.min(top, poolSize)));
}

/**
 * Similarity of two ranked products for the diversity pass: same leaf category 0.6, same
 * brand 0.3, same price band (prices within a factor of two) 0.1.
 *
 * @example
 * similarity(a, b); // 0.9 for two Nike running shoes at different prices
 */
export function similarity(a: { product: Product }, b: { product: Product }): number {
  return similarityAt(listFeatures([a.product, b.product]), 0, 1);
}

function similarityAt(l: ListFeatures, a: number, b: number): number {
  let s = 0;
  const la = l.catAt[a + 1]! - l.catAt[a]!;
  if (la > 0 && la === l.catAt[b + 1]! - l.catAt[b]! && l.cats[l.catAt[a + 1]! - 1] === l.cats[l.catAt[b + 1]! - 1]) s += 0.6;
  if (l.brand[a] !== 0 && l.brand[a] === l.brand[b]) s += 0.3;
  const pa = l.log2Price[a]!;
  if (pa === pa && Math.floor(pa) === Math.floor(l.log2Price[b]!)) s += 0.1;
  return s;
}
