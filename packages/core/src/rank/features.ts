import type { Product } from '../types';

/**
 * Profile-independent features of a product, as small integers: every category prefix, brand,
 * tag and id is interned once, so per-profile lookups become typed-array reads in the ranking
 * loop instead of string-keyed Map reads. Cached per product object (treat products as
 * immutable; the catalog's merge returns new objects).
 */
export interface ProductFeatures {
  /** Interned id of each category prefix, broadest first. */
  cats: Int32Array;
  brand: number;
  tags: Int32Array;
  item: number;
  /** log2 of the price (NaN when unknown), for price bands and price position. */
  log2Price: number;
}

// One map per kind: kinds never collide, and no key string is built per lookup.
const ids: Record<'category' | 'brand' | 'tag' | 'item', Map<string, number>> = {
  category: new Map(),
  brand: new Map(),
  tag: new Map(),
  item: new Map(),
};
let nextId = 1;
// Items count apart: there are far more of them, and the feature table is allocated per profile.
let nextItem = 1;
const cache = new WeakMap<Product, ProductFeatures>();

/** Joins category path segments into one key: a separator no name contains. */
const SEP = '\u0001';

/**
 * The interned id of a feature key (0 is reserved for "none").
 *
 * @example
 * internFeature('brand', 'Nike'); // 17, the same number for every later call
 */
export function internFeature(kind: 'category' | 'brand' | 'tag' | 'item', name: string): number {
  const map = ids[kind];
  let id = map.get(name);
  if (id === undefined) map.set(name, (id = kind === 'item' ? nextItem++ : nextId++));
  return id;
}

/** One more than the largest interned id: the length feature tables need. */
export function featureCount(): number {
  return nextId;
}

/** One more than the largest interned item id: the length item tables need. */
export function itemCount(): number {
  return nextItem;
}

/**
 * Interned id of a category path prefix (`['Shoes', 'Running']` → the id of `Shoes/Running`).
 *
 * @example
 * categoryFeature(['Shoes', 'Running'], 2);
 */
export function categoryFeature(path: readonly string[], depth: number): number {
  let name = '';
  for (let d = 0; d < depth; d++) name += (d ? SEP : '') + path[d];
  return internFeature('category', name);
}

/**
 * The features of a product (computed once per product object).
 *
 * @example
 * featuresOf({ id: 'p1', brand: 'Nike', category: ['Shoes', 'Running'] }).cats.length; // 2
 */
export function featuresOf(p: Product): ProductFeatures {
  let f = cache.get(p);
  if (f !== undefined) return f;
  const path = Array.isArray(p.category) ? p.category : [];
  const cats = new Int32Array(path.length);
  for (let d = 0; d < path.length; d++) cats[d] = categoryFeature(path, d + 1);
  const tags = Array.isArray(p.tags) ? p.tags : [];
  const tagIds = new Int32Array(tags.length);
  for (let t = 0; t < tags.length; t++) tagIds[t] = internFeature('tag', String(tags[t]));
  f = {
    cats,
    brand: typeof p.brand === 'string' ? internFeature('brand', p.brand) : 0,
    tags: tagIds,
    item: internFeature('item', String(p.id)),
    log2Price: typeof p.price === 'number' && p.price > 0 ? Math.log2(p.price) : NaN,
  };
  cache.set(p, f);
  return f;
}
