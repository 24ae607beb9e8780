import { createHash } from 'node:crypto';
import type { ModelPayload, Neighbour, Scored } from '@affinity/core';
import type { ModelEvent } from '../storage/storage';
import { createBasketCounts, type BasketCounts, type BasketCountsState, type PairCounts } from './basket-counts';
import { insertView, type ViewSequence } from './view-sequence';

/** Tuning of the learned models; every field has a default. */
export interface ModelOptions {
  /** Half-life of popularity decay, in days. Default 14. */
  halfLifeDays: number;
  /** Half-life of the "recent" rate trending compares against popularity, in days. Default 1. */
  trendingHalfLifeDays: number;
  /** Neighbours kept per item. Default 10 (widgets show 4–8; the payload grows linearly). */
  topK: number;
  /** Pairs and transitions seen fewer times than this are pruned. Default 2. */
  minSupport: number;
  /** Baskets with more distinct items than this (bots, crawlers) add no pairs. Default 50. */
  maxBasket: number;
  /** Sessions with more product views than this add no next-item transitions. Default 200. */
  maxSessionViews: number;
  /** Length of `popular` and `trending`. Default 100. */
  popularLimit: number;
  /** Length of each `popularByCategory` list. Default 50. */
  categoryLimit: number;
}

/** Defaults of {@link ModelOptions}. */
export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  halfLifeDays: 14,
  trendingHalfLifeDays: 1,
  topK: 10,
  minSupport: 2,
  maxBasket: 50,
  maxSessionViews: 200,
  popularLimit: 100,
  categoryLimit: 50,
};

/** How much one event says about interest in an item. */
const WEIGHTS: Record<string, number> = { view_item: 1, select_item: 2, add_to_cart: 4, purchase: 8 };
const DAY = 86_400_000;

/** One session's state; parts are created on first use (most sessions never cart). */
export interface SessionAcc {
  views: ViewSequence | undefined;
  viewed: number[] | undefined;
  carted: number[] | undefined;
}

/**
 * Called often during `finish`; resolving later lets other work (ingest requests) run in
 * between. {@link yieldEvery} makes one that yields to the event loop every few milliseconds.
 */
export type Pause = () => Promise<void> | void;

/**
 * A {@link Pause} that yields to the event loop once `sliceMs` have passed since the last yield,
 * so a model rebuild never holds the server's thread for longer than that.
 *
 * @example
 * await builder.finish(categories, Date.now(), yieldEvery(10));
 */
export function yieldEvery(sliceMs: number): Pause {
  let last = performance.now();
  let calls = 0;
  return () => {
    if (++calls % 256 !== 0 || performance.now() - last < sliceMs) return;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        last = performance.now();
        resolve();
      }),
    );
  };
}

const noPause: Pause = () => {};

/**
 * Holds the running counts of the models. Events go in with `add` (chunks, any order, each
 * event once: de-duplication is the caller's job) and every count is updated at once, so
 * `finish` only ranks what is counted: it can run again after more events are added, which
 * is how a server keeps its model current between full rebuilds.
 */
export interface ModelBuilder {
  add(events: readonly ModelEvent[]): void;
  /**
   * Rank the current counts into a payload. `categories`: top-level catalog category per item;
   * events' `item_category` fills gaps. Do not `add` while a `finish` is running.
   */
  finish(categories?: ReadonlyMap<string, string>, now?: number, pause?: Pause): Promise<ModelPayload>;
  /** Interaction events added so far. */
  readonly events: number;
  /**
   * Every count as plain data (live references, not copies): posted from the thread that built
   * it (structured clone copies it), `createModelBuilder(options, state)` continues from it.
   */
  state(): ModelBuilderState;
}

/** What {@link ModelBuilder.state} returns; structured-cloneable (Maps, typed arrays, arrays). */
export interface ModelBuilderState {
  ids: string[];
  long: Float64Array;
  short: Float64Array;
  ref: Float64Array;
  eventCategory: (string | undefined)[];
  categoryTs: Float64Array;
  sessions: Map<string, SessionAcc>;
  orders: Map<string, number[]>;
  viewed: BasketCountsState;
  carted: BasketCountsState;
  bought: BasketCountsState;
  transitions: PairCounts;
  newest: number;
  added: number;
}

/**
 * Build the models of `ModelPayload` from interaction events: co-occurrence of items viewed in
 * one session, carted in one session and bought in one order (support = joint count,
 * confidence = joint / count(a), lift = joint × baskets / (count(a) × count(b)), pruned below
 * `minSupport`, top-K by confidence then lift); directed next-item transitions between
 * consecutive views; popularity decayed with `halfLifeDays` and trending (recent rate against
 * the long-run rate), overall and per top-level category. Decay is measured from the newest event,
 * so the same events always give the same model (and the same `version`) in any process, whether
 * they were added in one go or one by one between `finish` calls.
 *
 * @example
 * const builder = createModelBuilder();
 * await storage.scanModelEvents('demo', (chunk) => builder.add(chunk));
 * const model = await builder.finish(await storage.productCategories('demo'));
 */
export function createModelBuilder(options: Partial<ModelOptions> = {}, from?: ModelBuilderState): ModelBuilder {
  const o = { ...DEFAULT_MODEL_OPTIONS };
  for (const [k, value] of Object.entries(options) as [keyof ModelOptions, number | undefined][]) if (value !== undefined) o[k] = value;
  const longHl = o.halfLifeDays * DAY;
  const shortHl = o.trendingHalfLifeDays * DAY;
  const ids: string[] = from?.ids ?? [];
  const index = new Map<string, number>(ids.map((id, i) => [id, i]));
  // Decayed interest per item, kept relative to the item's own newest event (`ref`) so any
  // arrival order gives the same scores.
  let long: Float64Array = from?.long ?? new Float64Array(1024);
  let short: Float64Array = from?.short ?? new Float64Array(1024);
  let ref: Float64Array = from?.ref ?? new Float64Array(1024).fill(-Infinity);
  const eventCategory: (string | undefined)[] = from?.eventCategory ?? [];
  let categoryTs: Float64Array = from?.categoryTs ?? new Float64Array(1024);
  const sessions: Map<string, SessionAcc> = from?.sessions ?? new Map();
  const orders: Map<string, number[]> = from?.orders ?? new Map();
  const viewed = createBasketCounts(o.maxBasket, from?.viewed);
  const carted = createBasketCounts(o.maxBasket, from?.carted);
  const bought = createBasketCounts(o.maxBasket, from?.bought);
  const transitions: PairCounts = from?.transitions ?? new Map();
  let newest = from?.newest ?? -Infinity;
  let added = from?.added ?? 0;

  const grow = (a: Float64Array, fill = 0): Float64Array => {
    const next = new Float64Array(a.length * 2).fill(fill);
    next.set(a);
    return next;
  };
  const itemOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
      if (i >= long.length) {
        long = grow(long);
        short = grow(short);
        ref = grow(ref, -Infinity);
        categoryTs = grow(categoryTs);
      }
    }
    return i;
  };

  const addInterest = (item: number, weight: number, ts: number) => {
    const last = ref[item]!;
    if (ts > last) {
      const shift = last === -Infinity ? 0 : last - ts;
      long[item] = long[item]! * 2 ** (shift / longHl) + weight;
      short[item] = short[item]! * 2 ** (shift / shortHl) + weight;
      ref[item] = ts;
    } else {
      long[item]! += weight * 2 ** ((ts - last) / longHl);
      short[item]! += weight * 2 ** ((ts - last) / shortHl);
    }
  };

  return {
    get events() {
      return added;
    },

    state: () => ({
      ids,
      long,
      short,
      ref,
      eventCategory,
      categoryTs,
      sessions,
      orders,
      viewed: viewed.state(),
      carted: carted.state(),
      bought: bought.state(),
      transitions,
      newest,
      added,
    }),

    add(events) {
      for (const e of events) {
        const weight = WEIGHTS[e.type];
        const items = e.data?.items;
        if (weight === undefined || !Array.isArray(items) || !Number.isFinite(e.ts)) continue;
        added++;
        if (e.ts > newest) newest = e.ts;
        let session = sessions.get(e.session);
        let order: number[] | undefined;
        if (e.type === 'purchase') {
          const key = typeof e.data.transaction_id === 'string' && e.data.transaction_id ? `t:${e.data.transaction_id}` : `e:${e.id}`;
          order = orders.get(key);
          if (!order) orders.set(key, (order = []));
        }
        for (const it of items) {
          if (!it || typeof it.item_id !== 'string' || it.item_id === '') continue;
          const item = itemOf(it.item_id);
          addInterest(item, weight, e.ts);
          if (typeof it.item_category === 'string' && it.item_category) {
            const known = eventCategory[item];
            if (known === undefined || e.ts > categoryTs[item]! || (e.ts === categoryTs[item] && it.item_category < known)) {
              eventCategory[item] = it.item_category;
              categoryTs[item] = e.ts;
            }
          }
          if (order) {
            bought.add(order, item);
            continue;
          }
          if (!session) sessions.set(e.session, (session = { views: undefined, viewed: undefined, carted: undefined }));
          if (e.type === 'add_to_cart') carted.add((session.carted ??= []), item);
          else {
            viewed.add((session.viewed ??= []), item);
            if (e.type === 'view_item') insertView((session.views ??= { ts: [], items: [] }), e.ts, item, ids, transitions, o.maxSessionViews);
          }
        }
      }
    },

    async finish(categories = new Map(), now = Date.now(), pause = noPause) {
      const byCategory = new Map<string, Scored[]>();
      const popularAll: Scored[] = [];
      const trendingAll: Scored[] = [];
      for (let i = 0; i < ids.length; i++) {
        const wait = pause();
        if (wait) await wait;
        const l = long[i]! * 2 ** ((ref[i]! - newest) / longHl);
        const s = short[i]! * 2 ** ((ref[i]! - newest) / shortHl);
        const popularity = round(l, 4);
        popularAll.push([ids[i]!, popularity]);
        // Rates per day, smoothed by one weighted event per half-life so one view is not a trend.
        if (s >= 1) trendingAll.push([ids[i]!, round(s / o.trendingHalfLifeDays / (l / o.halfLifeDays + 1 / o.halfLifeDays), 4)]);
        const category = categories.get(ids[i]!) ?? eventCategory[i];
        if (category !== undefined) {
          let list = byCategory.get(category);
          if (!list) byCategory.set(category, (list = []));
          list.push([ids[i]!, popularity]);
        }
      }

      const body = {
        halfLifeDays: o.halfLifeDays,
        totals: { sessions: viewed.baskets, carts: carted.baskets, orders: bought.baskets },
        alsoViewed: await neighbours(viewed, ids, o, pause),
        boughtTogether: await neighbours(bought, ids, o, pause),
        cartedTogether: await neighbours(carted, ids, o, pause),
        next: nextItems(transitions, ids, o),
        popular: topScored(popularAll, o.popularLimit),
        trending: topScored(trendingAll, o.popularLimit),
        popularByCategory: Object.fromEntries(
          [...byCategory.entries()].sort(([a], [b]) => compare(a, b)).map(([c, list]) => [c, topScored(list, o.categoryLimit)]),
        ),
      };
      const version = createHash('sha1').update(JSON.stringify(body)).digest('base64url').slice(0, 16);
      return { version, generatedAt: now, ...body };
    },
  };
}

/** Top-K neighbours per item by confidence, then lift, then support, then id. */
async function neighbours(counts: BasketCounts, ids: string[], o: ModelOptions, pause: Pause): Promise<Record<string, Neighbour[]>> {
  const n = counts.baskets;
  const lists = new Map<number, Neighbour[]>();
  const push = (from: number, to: number, support: number) => {
    const countFrom = counts.single(from), countTo = counts.single(to);
    let list = lists.get(from);
    if (!list) lists.set(from, (list = []));
    list.push([ids[to]!, support, round(support / countFrom, 4), round((support * n) / (countFrom * countTo), 3)]);
  };
  for (const [a, inner] of counts.joint) {
    for (const [b, support] of inner) {
      // Awaiting only real pauses: `await undefined` would still cost a tick per pair.
      const wait = pause();
      if (wait) await wait;
      if (support < o.minSupport) continue;
      push(a, b, support);
      push(b, a, support);
    }
  }
  return sortedRecord(lists, ids, (list) =>
    list.sort((p, q) => q[2] - p[2] || q[3] - p[3] || q[1] - p[1] || compare(p[0], q[0])).slice(0, o.topK),
  );
}

function nextItems(transitions: PairCounts, ids: string[], o: ModelOptions): Record<string, Scored[]> {
  const lists = new Map<number, Scored[]>();
  for (const [from, inner] of transitions) {
    const list: Scored[] = [];
    for (const [to, count] of inner) if (count >= o.minSupport) list.push([ids[to]!, count]);
    if (list.length) lists.set(from, list);
  }
  return sortedRecord(lists, ids, (list) => topScored(list, o.topK));
}

/** Object keys in id order so the JSON (and the version hash) never depends on scan order. */
function sortedRecord<T>(lists: Map<number, T[]>, ids: string[], finish: (list: T[]) => T[]): Record<string, T[]> {
  return Object.fromEntries(
    [...lists.entries()].map(([i, list]) => [ids[i]!, finish(list)] as const).sort(([a], [b]) => compare(a, b)),
  );
}

function topScored(list: Scored[], limit: number): Scored[] {
  return list.sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).slice(0, limit);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
