import type { RankContext } from './context';
import { listEmbedding } from './embedding';
import { HAS_REGIONS, RATED, REPEATABLE, type ListFeatures } from './list-features';
import type { RankOptions, RankWeights } from './types';

// Module-local copies: CommonJS loaders (tsx, Node's require) turn every read of an imported
// binding into a getter call, once per product in the scoring loop.
const RATED_BIT = RATED;
const REPEATABLE_BIT = REPEATABLE;
const HAS_REGIONS_BIT = HAS_REGIONS;
const NO_VALUES = new Float64Array(0);

/** Part slots in a scratch array: personal signals only (base and rule are set by `rank`). */
export const SLOT = { affinity: 0, history: 1, rating: 2, popularity: 3, trend: 4, cooccurrence: 5, region: 6, price: 7, embedding: 8 } as const;
/** Length of the scratch array `scoreProduct` writes parts into. */
export const SLOTS = 9;

/** Everything one rank call scores with: the context plus list-level statistics. */
export interface ScoringState {
  ctx: RankContext;
  w: RankWeights;
  list: ListFeatures;
  priorMean: number;
  priorWeight: number;
  sensitivity: number;
  demoteBought: boolean;
  region: string | undefined;
  mixTotal: number;
  // The context's tables, copied here so the per-product loop reads one object.
  affinity: Float64Array;
  bands: Float64Array;
  confidence: number;
  interest: Float64Array;
  bought: Uint8Array;
  popularity: Float64Array;
  trend: Float64Array;
  cooccurrence: Float64Array;
  /** By list position (not item id): cosine with the shopper's embedding query; may be empty. */
  embedding: Float64Array;
  // The weights as plain numbers: one object read each instead of two per product.
  wAffinity: number;
  wHistory: number;
  wRating: number;
  wPopularity: number;
  wTrend: number;
  wCooccurrence: number;
  wRegion: number;
  wPrice: number;
  wEmbedding: number;
}

/**
 * The list statistics personal parts are judged against: the rating prior (the list's mean)
 * and the list's price range. O(1) when cached: the per-product work is cached in `list`, and
 * the embedding cosines per (query, list).
 */
export function prepareScoring(list: ListFeatures, o: RankOptions, ctx: RankContext, w: RankWeights): ScoringState {
  const rated = list.rated;
  return {
    ctx,
    w,
    list,
    priorMean: o.ratingPrior?.mean ?? (rated ? list.ratingSum / rated : 3.5),
    priorWeight: o.ratingPrior?.weight ?? 10,
    sensitivity: list.maxLog - list.minLog > 0 ? ctx.sensitivity : 0,
    demoteBought: o.bought !== 'ignore',
    region: o.region ? o.region.toUpperCase() : undefined,
    // Spread the affinity over the kinds the profile has, so a profile without tags is not
    // capped below one that has them.
    affinity: ctx.affinity,
    bands: ctx.bands,
    confidence: ctx.confidence,
    interest: ctx.interest,
    bought: ctx.bought,
    popularity: ctx.popularity,
    trend: ctx.trend,
    cooccurrence: ctx.cooccurrence,
    embedding: ctx.embedding ? listEmbedding(list, ctx.embedding) : NO_VALUES,
    wAffinity: w.affinity,
    wHistory: w.history,
    wRating: w.rating,
    wPopularity: w.popularity,
    wTrend: w.trend,
    wCooccurrence: w.cooccurrence,
    wRegion: w.region,
    wPrice: w.price,
    wEmbedding: w.embedding,
    mixTotal: 0.5 * +(ctx.categoryCount > 0) + 0.25 * +(ctx.brands.size > 0) + 0.1 * +(ctx.tags.size > 0) + 0.15 * +ctx.hasBands || 1,
  };
}

/**
 * Personal parts of one product written into `out` (see `SLOT`), returning their weighted sum.
 * The ranking loop passes one shared scratch array (no allocation per product); `parts` on a
 * result calls it again for that one product.
 */
export function scoreProduct(s: ScoringState, i: number, out: Float64Array): number {
  const list = s.list;
  const table = s.affinity;
  const tableSize = table.length;

  // Deeper levels count more: sharing `Shoes` says little on a Shoes page, `Running` a lot.
  let cat = 0;
  const cats = list.cats;
  const c0 = list.catAt[i]!;
  const depth = list.catAt[i + 1]! - c0;
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
  const b = list.brand[i]!;
  const brand = b < tableSize ? table[b]! : 0;
  let tag = 0;
  const tags = list.tags;
  for (let t = list.tagAt[i]!, end = list.tagAt[i + 1]!; t < end; t++) {
    const id = tags[t]!;
    const v = id < tableSize ? table[id]! : 0;
    if (v > tag) tag = v;
  }
  const bi = list.band[i]!;
  const band = bi >= 0 ? s.bands[bi]! : 0;
  let affinity = s.confidence * ((0.5 * cat + 0.25 * brand + 0.1 * tag + 0.15 * band) / s.mixTotal);

  let history = 0;
  let pop = 0;
  let tr = 0;
  let co = 0;
  let emb = i < s.embedding.length ? s.embedding[i]! : 0;
  const item = list.item[i]!;
  const flags = list.flags[i]!;
  // Tables end at the largest id they know: anything beyond reads as 0.
  const interest = item < s.interest.length ? s.interest[item]! : 0;
  if (item < s.popularity.length) pop = s.popularity[item]!;
  if (item < s.trend.length) tr = s.trend[item]!;
  if (item < s.cooccurrence.length) co = s.cooccurrence[item]!;
  if (item >= s.bought.length || s.bought[item] === 0) history = interest;
  else if (flags & REPEATABLE_BIT) history = 0.5 + 0.5 * interest;
  else if (s.demoteBought) {
    // Buying it is what built much of this affinity (and its embedding likeness to the
    // shopper's items); it must not float the item back up.
    history = -1;
    affinity = 0;
    emb = 0;
  } else history = interest;

  let rating = 0;
  if (flags & RATED_BIT) {
    const count = list.ratingCount[i]!;
    rating = ((s.priorWeight * s.priorMean + count * list.rating[i]!) / (s.priorWeight + count) - s.priorMean) / 2;
  }
  const region = s.region;
  const reg = region !== undefined && flags & HAS_REGIONS_BIT ? (list.products[i]!.regions!.includes(region) ? 0.25 : -1) : 0;
  const price = s.sensitivity !== 0 && bi >= 0 ? s.sensitivity * list.pricePos[i]! : 0;

  out[0] = affinity;
  out[1] = history;
  out[2] = rating;
  out[3] = pop;
  out[4] = tr;
  out[5] = co;
  out[6] = reg;
  out[7] = price;
  out[8] = emb;
  return (
    s.wAffinity * affinity +
    s.wHistory * history +
    s.wRating * rating +
    s.wPopularity * pop +
    s.wTrend * tr +
    s.wCooccurrence * co +
    s.wRegion * reg +
    s.wPrice * price +
    s.wEmbedding * emb
  );
}
