import type { RankContext } from './context';
import { listEmbedding } from './embedding';
import { HAS_REGIONS, RATED, REPEATABLE, type ListFeatures, type SharedParts } from './list-features';
import type { RankOptions, RankWeights } from './types';

// Module-local copies: CommonJS loaders (tsx, Node's require) turn every read of an imported
// binding into a getter call, once per product in the scoring loop.
const RATED_BIT = RATED;
const REPEATABLE_BIT = REPEATABLE;
const HAS_REGIONS_BIT = HAS_REGIONS;
const NO_VALUES = new Float64Array(0);

/** Part slots in a scratch array: personal signals only (base and rule are set by `rank`). */
export const SLOT = { affinity: 0, history: 1, rating: 2, popularity: 3, trend: 4, cooccurrence: 5, region: 6, price: 7, embedding: 8 } as const;
/** Length of the scratch array `scoreProducts` writes parts into. */
export const SLOTS = 9;

/** Everything one rank call scores with: the context plus list-level statistics. */
export interface ScoringState {
  ctx: RankContext;
  w: RankWeights;
  list: ListFeatures;
  sensitivity: number;
  demoteBought: boolean;
  region: string | undefined;
  mixTotal: number;
  /** By list position: the rating part (0 when unrated). */
  ratings: Float64Array;
  /** By list position (not item id): cosine with the shopper's embedding query; may be empty. */
  embedding: Float64Array;
  /** By list position: the weighted rating, popularity and trend parts (see `sharedParts`). */
  shared: Float64Array;
}

/**
 * The list statistics personal parts are judged against: the rating prior (the list's mean)
 * and the list's price range. O(1) when cached: the per-product work is cached in `list`, and
 * the embedding cosines per (query, list).
 */
export function prepareScoring(list: ListFeatures, o: RankOptions, ctx: RankContext, w: RankWeights): ScoringState {
  const mean = list.rated ? list.ratingSum / list.rated : 3.5;
  // The list's own prior unless told otherwise: then the parts are the list's, cached with it.
  const ratings = o.ratingPrior ? ratingParts(list, o.ratingPrior.mean ?? mean, o.ratingPrior.weight ?? 10) : (list.ratings ??= ratingParts(list, mean, 10));
  return {
    ctx,
    w,
    list,
    sensitivity: list.maxLog - list.minLog > 0 ? ctx.sensitivity : 0,
    demoteBought: o.bought !== 'ignore',
    region: o.region ? o.region.toUpperCase() : undefined,
    // Spread the affinity over the kinds the profile has, so a profile without tags is not
    // capped below one that has them.
    mixTotal: 0.5 * +(ctx.categoryCount > 0) + 0.25 * +(ctx.brands.size > 0) + 0.1 * +(ctx.tags.size > 0) + 0.15 * +ctx.hasBands || 1,
    ratings,
    embedding: ctx.embedding ? listEmbedding(list, ctx.embedding) : NO_VALUES,
    shared: sharedParts(list, ratings, ctx, w),
  };
}

/**
 * The parts every shopper shares, weighted and summed by list position: the rating, and the
 * model's popularity and trend. A listing is re-ranked after each of the shopper's events with
 * the same model, so this is built once per list, model and weights; the scoring loop then reads
 * one contiguous array instead of two tables indexed by item id (scattered reads in a large
 * catalog's id space).
 */
function sharedParts(list: ListFeatures, ratings: Float64Array, ctx: RankContext, w: RankWeights): Float64Array {
  const { popularity, trend } = ctx;
  const { rating: wR, popularity: wP, trend: wT } = w;
  const c = list.shared;
  if (c && c.ratings === ratings && c.popularity === popularity && c.trend === trend && c.wR === wR && c.wP === wP && c.wT === wT) return c.values;
  const { item: items } = list;
  const values = new Float64Array(items.length);
  for (let i = 0; i < values.length; i++) {
    const item = items[i]!;
    // Tables end at the largest id they know: anything beyond reads as 0.
    const pop = item < popularity.length ? popularity[item]! : 0;
    const tr = item < trend.length ? trend[item]! : 0;
    values[i] = wR * ratings[i]! + wP * pop + wT * tr;
  }
  const built: SharedParts = { ratings, popularity, trend, wR, wP, wT, values };
  // Only the list's own rating prior is worth keeping: an explicit prior builds new ratings per call.
  if (ratings === list.ratings) list.shared = built;
  return values;
}

/** Each product's rating shrunk towards the prior (few ratings count little), minus the prior. */
function ratingParts(list: ListFeatures, mean: number, weight: number): Float64Array {
  const out = new Float64Array(list.ids.length);
  for (let i = 0; i < out.length; i++) {
    const count = list.ratingCount[i]!;
    if (list.flags[i]! & RATED_BIT) out[i] = ((weight * mean + count * list.rating[i]!) / (weight + count) - mean) / 2;
  }
  return out;
}

/**
 * Personal parts of products `from` … `to − 1`, each written into `out` (see `SLOT`) in turn;
 * or, when `scores` is given, only their weighted sums plus the base part of an `n`-long list
 * (`wBase · (1 − i / (n − 1))`). The ranking loop scores the whole list in one call, so the
 * tables are read into locals once rather than once per product (this loop is too big for the
 * engine to inline into its caller); `parts` on a result scores its one product.
 */
export function scoreProducts(s: ScoringState, from: number, to: number, out: Float64Array, scores?: Float64Array, wBase = 0, n = 0): void {
  const span = n > 1 ? n - 1 : 1;
  const { list, ratings, region, sensitivity, mixTotal, demoteBought, embedding, shared } = s;
  const { affinity: table, bands, interest: interests, popularity, trend, cooccurrence, bought, confidence } = s.ctx;
  const { cats, catAt, tags, tagAt, brand: brands, band: bandOf, item: items, flags: flagsOf, products, pricePos } = list;
  const { affinity: wA, history: wH, cooccurrence: wC, region: wReg, price: wPrice, embedding: wE } = s.w;
  const tableSize = table.length;
  for (let i = from; i < to; i++) {
    // Deeper levels count more: sharing `Shoes` says little on a Shoes page, `Running` a lot.
    let cat = 0;
    const c0 = catAt[i]!;
    const depth = catAt[i + 1]! - c0;
    if (depth > 0 && tableSize > 0) {
      let sum = 0;
      for (let d = 0; d < depth; d++) {
        const id = cats[c0 + d]!;
        const v = id < tableSize ? table[id]! : 0;
        if (v === 0) break;
        sum += v * (d + 1);
      }
      cat = sum / ((depth * (depth + 1)) / 2);
    }
    const b = brands[i]!;
    const brand = b < tableSize ? table[b]! : 0;
    let tag = 0;
    for (let t = tagAt[i]!, end = tagAt[i + 1]!; t < end; t++) {
      const id = tags[t]!;
      const v = id < tableSize ? table[id]! : 0;
      if (v > tag) tag = v;
    }
    const bi = bandOf[i]!;
    const band = bi >= 0 ? bands[bi]! : 0;
    const mix = 0.5 * cat + 0.25 * brand + 0.1 * tag + 0.15 * band;
    // A profile with every kind divides by 1: skip the division (exact either way).
    let affinity = confidence * (mixTotal === 1 ? mix : mix / mixTotal);

    let history = 0;
    let co = 0;
    let emb = i < embedding.length ? embedding[i]! : 0;
    const item = items[i]!;
    const flags = flagsOf[i]!;
    // Tables end at the largest id they know: anything beyond reads as 0.
    const interest = item < interests.length ? interests[item]! : 0;
    if (item < cooccurrence.length) co = cooccurrence[item]!;
    if (item >= bought.length || bought[item] === 0) history = interest;
    else if (flags & REPEATABLE_BIT) history = 0.5 + 0.5 * interest;
    else if (demoteBought) {
      // Buying it is what built much of this affinity (and its embedding likeness to the
      // shopper's items); it must not float the item back up.
      history = -1;
      affinity = 0;
      emb = 0;
    } else history = interest;

    const reg = region !== undefined && flags & HAS_REGIONS_BIT ? (products[i]!.regions!.includes(region) ? 0.25 : -1) : 0;
    const price = sensitivity !== 0 && bi >= 0 ? sensitivity * pricePos[i]! : 0;

    if (scores) {
      scores[i] = shared[i]! + wA * affinity + wH * history + wC * co + wReg * reg + wPrice * price + wE * emb + wBase * (1 - i / span);
      continue;
    }
    out[0] = affinity;
    out[1] = history;
    out[2] = ratings[i]!;
    out[3] = item < popularity.length ? popularity[item]! : 0;
    out[4] = item < trend.length ? trend[item]! : 0;
    out[5] = co;
    out[6] = reg;
    out[7] = price;
    out[8] = emb;
  }
}
