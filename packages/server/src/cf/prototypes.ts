import type { ShopperPrototypes } from '@affinity/core';
import { seededRandom } from '../random/seeded-random';
import { runAsync, runSync, type Steps } from '../embeddings/steps';
import type { TrainedEmbeddings } from '../embeddings/train';
import { sphericalKmeans } from './spherical-kmeans';

/** Options of {@link buildShopperPrototypes}; every field has a default. */
export interface PrototypeOptions {
  /** Groups at most (fewer when there are too few shoppers for `minMembers` each). Default 64. */
  groups: number;
  /** Groups with fewer members are not published (no group describes a handful of people). Default 20. */
  minMembers: number;
  /** An item is listed only when this many members used it. Default 3. */
  minItemMembers: number;
  /** Items listed per group. Default 40. */
  itemsPerGroup: number;
  /** Shoppers beyond this are sampled (seeded), bounding k-means time. Default 20,000. */
  maxShoppers: number;
  seed: number;
}

/** Defaults of {@link PrototypeOptions}. */
export const DEFAULT_PROTOTYPE_OPTIONS: PrototypeOptions = { groups: 64, minMembers: 20, minItemMembers: 3, itemsPerGroup: 40, maxShoppers: 20_000, seed: 1 };

/**
 * Shopper prototypes for the browser's `similar-shoppers` strategy (user-based CF). Each
 * shopper's history (item ids) becomes the unit-length mean of its items' embeddings; k-means
 * groups similar shoppers; each group publishes its centroid and the items most of its members
 * used, `[id, share of members]`, ranked by share × lift over the item's share among all
 * shoppers (so a group's list says what is special about it, not only what everyone buys).
 * Only groups of ≥ `minMembers` and items used by ≥ `minItemMembers` members are published.
 *
 * @example buildShopperPrototypes(histories, trainEmbeddings(sessions)).prototypes.length // 64
 */
export function buildShopperPrototypes(histories: Iterable<readonly string[]>, emb: TrainedEmbeddings, options: Partial<PrototypeOptions> = {}): ShopperPrototypes {
  return runSync(prototypeSteps(histories, emb, options));
}

/**
 * {@link buildShopperPrototypes} for the server, awaiting `pause` between slices of work.
 *
 * @example await buildShopperPrototypesAsync(histories, emb, {}, yieldEvery(10))
 */
export function buildShopperPrototypesAsync(
  histories: Iterable<readonly string[]>,
  emb: TrainedEmbeddings,
  options: Partial<PrototypeOptions>,
  pause: () => Promise<void> | void,
): Promise<ShopperPrototypes> {
  return runAsync(prototypeSteps(histories, emb, options), pause);
}

function* prototypeSteps(histories: Iterable<readonly string[]>, emb: TrainedEmbeddings, options: Partial<PrototypeOptions>): Steps<ShopperPrototypes> {
  const o = { ...DEFAULT_PROTOTYPE_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as PrototypeOptions;
  const index = new Map(emb.ids.map((id, i) => [id, i]));
  const members: { items: string[]; vector: number[] }[] = [];
  const random = seededRandom(o.seed);
  let seen = 0;
  for (const h of histories) {
    const items = [...new Set(h)];
    const vector = historyVector(items, index, emb);
    if (!vector) continue;
    // Reservoir sample: every shopper has the same chance to be among those grouped.
    seen++;
    if (members.length < o.maxShoppers) members.push({ items, vector });
    else {
      const j = Math.floor(random() * seen);
      if (j < o.maxShoppers) members[j] = { items, vector };
    }
  }
  const k = Math.min(o.groups, Math.floor(members.length / o.minMembers));
  if (k < 1) return { v: 1, dim: emb.dim, prototypes: [] };
  const flat = new Float64Array(members.length * emb.dim);
  members.forEach((m, i) => flat.set(m.vector, i * emb.dim));
  const { centroids, assignments } = yield* sphericalKmeans(flat, emb.dim, k, { seed: o.seed });
  const everyone = new Map<string, number>();
  for (const m of members) for (const id of m.items) everyone.set(id, (everyone.get(id) ?? 0) + 1);
  const groups = centroids.map(() => ({ size: 0, counts: new Map<string, number>() }));
  assignments.forEach((g, i) => {
    const group = groups[g]!;
    group.size++;
    for (const id of members[i]!.items) group.counts.set(id, (group.counts.get(id) ?? 0) + 1);
  });
  const prototypes = groups
    .map((g, i) => ({ g, centroid: centroids[i]! }))
    .filter(({ g }) => g.size >= o.minMembers)
    .map(({ g, centroid }) => ({
      centroid: [...centroid].map((v) => round(v, 4)),
      size: g.size,
      items: [...g.counts]
        .filter(([, c]) => c >= o.minItemMembers)
        .map(([id, c]) => ({ id, share: c / g.size, rank: (c / g.size) * Math.sqrt(c / g.size / (everyone.get(id)! / members.length)) }))
        .sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : 1))
        .slice(0, o.itemsPerGroup)
        .map(({ id, share }): [string, number] => [id, round(share, 4)]),
    }))
    .sort((a, b) => b.size - a.size);
  return { v: 1, dim: emb.dim, prototypes };
}

/** Unit-length mean embedding of the known items of a history; `undefined` when none is known. */
export function historyVector(items: readonly string[], index: ReadonlyMap<string, number>, emb: TrainedEmbeddings): number[] | undefined {
  const v = new Array<number>(emb.dim).fill(0);
  let known = 0;
  for (const id of items) {
    const r = index.get(id);
    if (r === undefined) continue;
    known++;
    for (let j = 0; j < emb.dim; j++) v[j]! += emb.rows[r * emb.dim + j]!;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  if (!known || !(norm > 0)) return undefined;
  return v.map((x) => x / norm);
}

function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}
