import { hasSignal } from '../profile/empty-profile';
import { DAY_MS } from '../profile/options';
import { PRICE_BANDS, priceBand } from '../profile/price-band';
import { CATEGORY_SEPARATOR } from '../profile/apply-event';
import { priceSensitivityOf } from '../profile/tags';
import type { Profile } from '../profile/types';
import type { ModelPayload } from '../types';
import { embeddingQuery, type EmbeddingQuery } from './embedding';
import { categoryFeature, internFeature } from './features';
import type { RankOptions } from './types';

/**
 * Everything `rank` looks up per product, computed from the profile and model so the
 * per-product loop is typed-array reads and arithmetic. Scores within a kind are scaled by
 * that kind's maximum, and decay multiplies every score of a profile by the same factor, so
 * these lookups do not depend on `now`. They are cached in three independent parts:
 * per model object (popularity, trend), per profile version (affinities, item history) and
 * per profile version and model (co-occurrence with the session, the embedding query; the
 * query's cosines with a list are cached on the query per list). A profile store publishes
 * a shallow copy after each change, so a copy with no new event reuses everything and a new
 * event rebuilds only the profile's part (bounded by its key caps). Only `confidence` is per call.
 * Item tables are indexed by interned item id and may be shorter than the id space: read
 * past their end as 0.
 */
export interface RankContext {
  personal: boolean;
  profile: Profile | null;
  /** How much the profile knows, 0–1: a single view nudges, a dozen interactions steer. */
  confidence: number;
  /** How many category keys the profile has. */
  categoryCount: number;
  brands: Map<string, number>;
  tags: Map<string, number>;
  /** Price-band affinity, smoothed into neighbouring bands. */
  bands: Float64Array;
  hasBands: boolean;
  /** −1 (premium seeker) … 1 (bargain hunter); 0 when unknown. */
  sensitivity: number;
  /** Affinity by interned feature id (category prefix, brand, tag), scaled 0–1 per kind/depth. */
  affinity: Float64Array;
  /** By interned item id: past interest 0–1. */
  interest: Float64Array;
  /** By interned item id: 1 when bought. */
  bought: Uint8Array;
  /** By interned item id: server popularity and trend 0–1. */
  popularity: Float64Array;
  trend: Float64Array;
  /** By interned item id: co-occurrence with the session's items 0–1. */
  cooccurrence: Float64Array;
  /** Item id → the session item that contributed most to its co-occurrence. */
  cooccurrenceFrom: ReadonlyMap<string, string>;
  /** The shopper's direction in the model's embedding space; null without a usable table or known item. */
  embedding: EmbeddingQuery | null;
}

/** What one profile version contributes; `stamp*` fields tell whether it is still that version. */
interface ProfileTables {
  stampEvents: number;
  stampLastTs: number;
  stampHalfLife: number;
  stampItems: Profile['items'];
  stampSession: Profile['session'];
  stampPrice: Profile['price'];
  stampCategory: object;
  stampBrand: object;
  stampTag: object;
  stampBands: object;
  categoryCount: number;
  brands: Map<string, number>;
  tags: Map<string, number>;
  bands: Float64Array;
  hasBands: boolean;
  affinity: Float64Array;
  /** Sum of item interest at the profile's reference time `ref`, for confidence. */
  totalAtRef: number;
  ref: number;
  sensitivity: number;
  interest: Float64Array;
  bought: Uint8Array;
  /** Co-occurrence with the profile's own session, per model. */
  co: WeakMap<object, CoTable>;
  /** Embedding query of the profile's own session and items, per model. */
  emb: WeakMap<object, EmbeddingQuery | null>;
}

/** The latest query built for an explicit session (`sessionItems`), per model. */
interface ExplicitQuery {
  tables: ProfileTables | undefined;
  key: string;
  query: EmbeddingQuery | null;
}

interface ModelTables {
  popularity: Float64Array;
  trend: Float64Array;
}

interface CoTable {
  values: Float64Array;
  from: Map<string, string>;
}

const EMPTY_MAP = new Map<never, never>();
const NO_BANDS = new Float64Array(PRICE_BANDS);
const NO_VALUES = new Float64Array(0);
const NO_FLAGS = new Uint8Array(0);
const NO_CO: CoTable = { values: NO_VALUES, from: EMPTY_MAP };
const NO_MODEL_TABLES: ModelTables = { popularity: NO_VALUES, trend: NO_VALUES };
// Keyed by the profile's `affinities` object: a shallow copy of a profile shares it, and the
// stamp check catches in-place updates (every applied event counts in `counts.events`).
const byProfile = new WeakMap<object, ProfileTables>();
const byModel = new WeakMap<ModelPayload, ModelTables>();
const explicitQueries = new WeakMap<ModelPayload, ExplicitQuery>();
// A module-local copy: CommonJS loaders turn each read of an imported binding into a getter call.
const SEP = CATEGORY_SEPARATOR;
/** Affinity key `Shoes > Running` → interned prefix feature id (keys recur across versions). */
const categoryKeyIds = new Map<string, number>();

/**
 * The lookups for one rank call.
 *
 * @example
 * const ctx = rankContext({ profile, model }, Date.now());
 */
export function rankContext(o: RankOptions, now: number): RankContext {
  const p = o.profile ?? null;
  const explicitSession = o.sessionItems;
  const session = explicitSession ?? (p?.session ? [...p.session.viewed, ...p.session.carted] : []);
  const personal = hasSignal(p) || session.length > 0;
  if (!personal) return new Context(false, p, 0, undefined, NO_MODEL_TABLES, NO_CO, null);
  const t = p ? profileTables(p) : undefined;
  const model = o.model ?? null;
  const m = model ? modelTables(model) : NO_MODEL_TABLES;
  let co = NO_CO;
  if (model && session.length) {
    const carted = () => new Set(p?.session?.carted ?? []);
    if (t && !explicitSession) {
      const hit = t.co.get(model);
      if (hit) co = hit;
      else t.co.set(model, (co = cooccurrenceTable(model, session, carted())));
    } else co = cooccurrenceTable(model, session, carted());
  }
  // The query, like the `embedding` strategy's: this session's views, the cart, the profile's items.
  let emb: EmbeddingQuery | null = null;
  if (model && model.embeddings) {
    const cart = p?.session?.carted;
    if (t && !explicitSession) {
      const hit = t.emb.get(model);
      if (hit !== undefined) emb = hit;
      else t.emb.set(model, (emb = embeddingQuery(model, p, p?.session?.viewed ?? [], cart)));
    } else {
      const key = session.join('\u0001');
      const hit = explicitQueries.get(model);
      if (hit !== undefined && hit.tables === t && hit.key === key) emb = hit.query;
      else explicitQueries.set(model, { tables: t, key, query: (emb = embeddingQuery(model, p, session, cart)) });
    }
  }
  const total = t && p ? t.totalAtRef * Math.pow(2, -(now - t.ref) / (p.halfLifeDays * DAY_MS)) : 0;
  return new Context(true, p, 1 - Math.exp(-total / 4), t, m, co, emb);
}

/**
 * A class, not an object literal with getters: literal getters give every context its own
 * hidden class, which makes each property read in the per-product loop a slow lookup.
 */
class Context implements RankContext {
  declare personal: boolean;
  declare profile: Profile | null;
  declare confidence: number;
  declare categoryCount: number;
  declare brands: Map<string, number>;
  declare tags: Map<string, number>;
  declare bands: Float64Array;
  declare hasBands: boolean;
  declare sensitivity: number;
  declare affinity: Float64Array;
  declare interest: Float64Array;
  declare bought: Uint8Array;
  declare popularity: Float64Array;
  declare trend: Float64Array;
  declare cooccurrence: Float64Array;
  declare cooccurrenceFrom: ReadonlyMap<string, string>;
  declare embedding: EmbeddingQuery | null;

  constructor(
    personal: boolean,
    p: Profile | null,
    confidence: number,
    t: ProfileTables | undefined,
    m: ModelTables,
    co: CoTable,
    embedding: EmbeddingQuery | null,
  ) {
    this.personal = personal;
    this.profile = p;
    this.confidence = confidence;
    this.categoryCount = t?.categoryCount ?? 0;
    this.brands = t?.brands ?? EMPTY_MAP;
    this.tags = t?.tags ?? EMPTY_MAP;
    this.bands = t?.bands ?? NO_BANDS;
    this.hasBands = t?.hasBands ?? false;
    this.sensitivity = t?.sensitivity ?? 0;
    this.affinity = t?.affinity ?? NO_VALUES;
    this.interest = t?.interest ?? NO_VALUES;
    this.bought = t?.bought ?? NO_FLAGS;
    this.popularity = m.popularity;
    this.trend = m.trend;
    this.cooccurrence = co.values;
    this.cooccurrenceFrom = co.from;
    this.embedding = embedding;
  }
}

/** The cached tables of this profile version, rebuilt when the profile changed since. */
function profileTables(p: Profile): ProfileTables {
  const a = p.affinities;
  const t = byProfile.get(a);
  if (
    t !== undefined &&
    t.stampEvents === p.counts.events &&
    t.stampLastTs === p.lastTs &&
    t.stampHalfLife === p.halfLifeDays &&
    t.stampItems === p.items &&
    t.stampSession === p.session &&
    t.stampPrice === p.price &&
    t.stampCategory === a.category &&
    t.stampBrand === a.brand &&
    t.stampTag === a.tag &&
    t.stampBands === a.price
  ) {
    return t;
  }
  const fresh = buildProfileTables(p);
  byProfile.set(a, fresh);
  return fresh;
}

/** Score at the profile's reference time: every key is decayed to the same instant. */
function atRef(e: { s: number; at: number }, ref: number, hl: number): number {
  return e.s * Math.pow(2, -(ref - e.at) / hl);
}

function buildProfileTables(p: Profile): ProfileTables {
  const hl = p.halfLifeDays * DAY_MS;
  const ref = p.lastTs;
  const a = p.affinities;
  const bandScores = scaled(a.price, ref, hl);
  const raw = new Float64Array(PRICE_BANDS);
  for (const [label, v] of bandScores) raw[priceBand(Number(label.split('-')[0]) || 0)] = v;
  const bands = new Float64Array(PRICE_BANDS);
  for (let b = 0; b < PRICE_BANDS; b++) bands[b] = Math.max(raw[b]!, 0.5 * (raw[b - 1] ?? 0), 0.5 * (raw[b + 1] ?? 0));
  const ps = priceSensitivityOf(p);
  const brands = scaled(a.brand, ref, hl);
  const tags = scaled(a.tag, ref, hl);

  // Feature ids and values side by side; the table is sized once all ids are interned.
  const ids: number[] = [];
  const values: number[] = [];
  const put = (id: number, v: number) => {
    ids.push(id);
    values.push(v);
  };
  // Category scores are scaled within their depth: a leaf is compared with leaves.
  const catKeys: string[] = [];
  const catScores: number[] = [];
  const depths: number[] = [];
  const maxAt: number[] = [];
  for (const key in a.category) {
    const s = atRef(a.category[key]!, ref, hl);
    let d = 0;
    for (let at = key.indexOf(SEP); at >= 0; at = key.indexOf(SEP, at + SEP.length)) d++;
    catKeys.push(key);
    catScores.push(s);
    depths.push(d);
    if (!(s <= (maxAt[d] ?? 0))) maxAt[d] = s;
  }
  for (let k = 0; k < catKeys.length; k++) {
    const max = maxAt[depths[k]!]!;
    put(categoryKeyId(catKeys[k]!), max > 0 ? catScores[k]! / max : 0);
  }
  for (const [k, v] of brands) put(internFeature('brand', k), v);
  for (const [k, v] of tags) put(internFeature('tag', k), v);
  const affinity = denseTable(ids, values);

  // Item history: interest relative to the most-engaged item, and whether it was bought.
  const itemIds: number[] = [];
  const interests: number[] = [];
  const boughtIds: number[] = [];
  let max = 0;
  let totalAtRef = 0;
  for (const id in p.items) {
    const h = p.items[id]!;
    const s = atRef(h, ref, hl);
    totalAtRef += s;
    if (s > max) max = s;
    const k = internFeature('item', id);
    itemIds.push(k);
    interests.push(s);
    if (h.bought > 0) boughtIds.push(k);
  }
  if (max > 0) for (let j = 0; j < interests.length; j++) interests[j]! /= max;
  const interest = denseTable(itemIds, interests);
  const bought = new Uint8Array(interest.length);
  for (const k of boughtIds) bought[k] = 1;

  return {
    stampEvents: p.counts.events,
    stampLastTs: p.lastTs,
    stampHalfLife: p.halfLifeDays,
    stampItems: p.items,
    stampSession: p.session,
    stampPrice: p.price,
    stampCategory: a.category,
    stampBrand: a.brand,
    stampTag: a.tag,
    stampBands: a.price,
    categoryCount: catKeys.length,
    brands,
    tags,
    bands,
    hasBands: bandScores.size > 0,
    affinity,
    totalAtRef,
    ref,
    sensitivity: ps.level === 'unknown' ? 0 : (ps.score - 0.5) * 2,
    interest,
    bought,
    co: new WeakMap(),
    emb: new WeakMap(),
  };
}

function categoryKeyId(key: string): number {
  let id = categoryKeyIds.get(key);
  if (id === undefined) {
    const path = key.split(CATEGORY_SEPARATOR);
    categoryKeyIds.set(key, (id = categoryFeature(path, path.length)));
  }
  return id;
}

function scaled(map: Record<string, { s: number; at: number }>, ref: number, hl: number): Map<string, number> {
  const out = new Map<string, number>();
  let max = 0;
  for (const k in map) {
    const s = atRef(map[k]!, ref, hl);
    out.set(k, s);
    if (s > max) max = s;
  }
  if (max > 0) for (const [k, s] of out) out.set(k, s / max);
  return out;
}

/** Popularity and trend by interned item id, once per model object (treat models as immutable). */
function modelTables(m: ModelPayload): ModelTables {
  let t = byModel.get(m);
  if (!t) byModel.set(m, (t = { popularity: scaledTable(m.popular), trend: scaledTable(m.trending) }));
  return t;
}

/** A scored list as a table by interned item id, scaled by its maximum; later duplicates win. */
function scaledTable(list: ReadonlyArray<readonly [string, number]> | undefined): Float64Array {
  if (!Array.isArray(list)) return NO_VALUES;
  let max = 0;
  for (const [, s] of list) if (s > max) max = s;
  if (!(max > 0)) return NO_VALUES;
  const ids: number[] = [];
  const values: number[] = [];
  for (const [id, s] of list) {
    if (typeof id !== 'string' || !(s > 0)) continue;
    ids.push(internFeature('item', id));
    values.push(s / max);
  }
  return denseTable(ids, values);
}

/** Neighbours of the session's items, the latest items counting most (halving per step back). */
function cooccurrenceScores(m: ModelPayload, session: readonly string[], carted: Set<string>): Map<string, [score: number, best: number, from: string]> {
  const scores = new Map<string, [number, number, string]>();
  const recent = session.slice(-10);
  const add = (src: string, list: ModelPayload['alsoViewed'][string] | undefined, r: number) => {
    if (!Array.isArray(list)) return;
    for (const nb of list) {
      const c = r * (nb[2] > 0 ? nb[2] : 0);
      if (c <= 0) continue;
      const e = scores.get(nb[0]);
      if (e === undefined) scores.set(nb[0], [c, c, src]);
      else {
        e[0] += c;
        if (c > e[1]) (e[1] = c), (e[2] = src);
      }
    }
  };
  for (let i = 0; i < recent.length; i++) {
    const id = recent[i]!;
    const r = Math.pow(0.5, recent.length - 1 - i);
    add(id, m.alsoViewed?.[id], r);
    if (carted.has(id)) {
      add(id, m.cartedTogether?.[id], r);
      add(id, m.boughtTogether?.[id], r);
    }
  }
  return scores;
}

function cooccurrenceTable(m: ModelPayload, session: readonly string[], carted: Set<string>): CoTable {
  const scores = cooccurrenceScores(m, session, carted);
  let max = 0;
  for (const e of scores.values()) if (e[0] > max) max = e[0];
  if (!(max > 0)) return NO_CO;
  const ids: number[] = [];
  const values: number[] = [];
  const from = new Map<string, string>();
  for (const [id, e] of scores) {
    ids.push(internFeature('item', id));
    values.push(e[0] / max);
    from.set(id, e[2]);
  }
  return { values: denseTable(ids, values), from };
}

/** A table by interned id from ids and values side by side, as long as the largest id needs (empty without ids). */
function denseTable(ids: readonly number[], values: readonly number[]): Float64Array {
  let top = -1;
  for (const k of ids) if (k > top) top = k;
  const table = new Float64Array(top + 1);
  for (let j = 0; j < ids.length; j++) table[ids[j]!] = values[j]!;
  return table;
}
