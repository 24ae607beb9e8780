import type { Product } from '@affinity/core';
import { slugify } from './slug';

/** A product of the demo catalog (`public/catalog.json`); `popularity` is the merchant's sort key. */
export interface StoreProduct extends Product {
  id: string;
  title: string;
  price: number;
  category: string[];
  url: string;
  image: string;
  popularity?: number;
}

/** One node of the category tree shown in the navigation. */
export interface CategoryNode {
  name: string;
  slug: string;
  /** URL of the listing page, `/c/home` or `/c/home/clocks`. */
  url: string;
  /** Category path, broadest first. */
  path: string[];
  count: number;
  children: CategoryNode[];
}

/** The loaded catalog with the indexes the pages need. */
export interface Catalog {
  /** Products in the merchant's order (best sellers first). */
  products: StoreProduct[];
  byId: Map<string, StoreProduct>;
  tree: CategoryNode[];
  /** Collections (used as brands) with their product counts, largest first. */
  collections: { name: string; slug: string; count: number }[];
}

/**
 * Builds the indexes over a product list. Invalid entries (no id, title or price) are skipped so
 * one bad row cannot break the store.
 *
 * @example const catalog = indexCatalog(await (await fetch('/catalog.json')).json());
 */
export function indexCatalog(raw: unknown): Catalog {
  const products = (Array.isArray(raw) ? raw : []).filter(
    (p): p is StoreProduct =>
      !!p && typeof p.id === 'string' && typeof p.title === 'string' && typeof p.price === 'number' && Array.isArray(p.category),
  ).map((p) => ({ ...p, url: p.url ?? `/product/${encodeURIComponent(p.id)}`, image: p.image ?? `/img/${encodeURIComponent(p.id)}.svg` }));
  const byId = new Map(products.map((p) => [p.id, p]));
  const top = new Map<string, CategoryNode>();
  const brands = new Map<string, number>();
  for (const p of products) {
    const [first, second] = p.category;
    if (first) {
      let node = top.get(first);
      if (!node) top.set(first, (node = { name: first, slug: slugify(first), url: `/c/${slugify(first)}`, path: [first], count: 0, children: [] }));
      node.count++;
      if (second) {
        let child = node.children.find((c) => c.name === second);
        if (!child) node.children.push((child = { name: second, slug: slugify(second), url: `${node.url}/${slugify(second)}`, path: [first, second], count: 0, children: [] }));
        child.count++;
      }
    }
    if (p.brand) brands.set(p.brand, (brands.get(p.brand) ?? 0) + 1);
  }
  const tree = [...top.values()].sort((a, b) => b.count - a.count);
  for (const n of tree) n.children.sort((a, b) => b.count - a.count);
  const collections = [...brands].map(([name, count]) => ({ name, slug: slugify(name), count })).sort((a, b) => b.count - a.count);
  return { products, byId, tree, collections };
}

/**
 * The category node for URL slugs (`['home', 'clocks']`), or undefined.
 *
 * @example findCategory(catalog, ['home', 'clocks'])?.path // ['Home', 'Clocks']
 */
export function findCategory(catalog: Catalog, slugs: string[]): CategoryNode | undefined {
  let nodes = catalog.tree;
  let found: CategoryNode | undefined;
  for (const s of slugs) {
    found = nodes.find((n) => n.slug === s);
    if (!found) return undefined;
    nodes = found.children;
  }
  return found;
}

/**
 * Products under a category path, in the merchant's order.
 *
 * @example inCategory(catalog, ['Home']) // every Home product, best sellers first
 */
export function inCategory(catalog: Catalog, path: string[]): StoreProduct[] {
  return catalog.products.filter((p) => path.every((c, i) => p.category[i] === c));
}

/** Sort orders offered on listing pages. `featured` is the merchant's order. */
export type SortOrder = 'featured' | 'price-asc' | 'price-desc' | 'rating' | 'name';

/**
 * A sorted copy; ties keep the merchant's order (the sort is stable).
 *
 * @example sortProducts(list, 'price-asc')
 */
export function sortProducts(list: readonly StoreProduct[], order: SortOrder): StoreProduct[] {
  const copy = [...list];
  switch (order) {
    case 'price-asc':
      return copy.sort((a, b) => a.price - b.price);
    case 'price-desc':
      return copy.sort((a, b) => b.price - a.price);
    case 'rating':
      return copy.sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
    case 'name':
      return copy.sort((a, b) => a.title.localeCompare(b.title));
    default:
      return copy;
  }
}

const tokens = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/).filter(Boolean);

/**
 * Site search: every query word must start a word of the title, collection, category or tags
 * (so "cand hold" finds "candle holder"); title hits rank above the rest, then merchant order.
 *
 * @example searchProducts(catalog, 'retrospot mug').map((p) => p.title)
 */
export function searchProducts(catalog: Catalog, query: string, limit = 96): StoreProduct[] {
  const words = tokens(query);
  if (!words.length) return [];
  const scored: { p: StoreProduct; score: number; rank: number }[] = [];
  catalog.products.forEach((p, rank) => {
    const title = tokens(p.title);
    const other = tokens([p.brand ?? '', ...p.category, ...(p.tags ?? [])].join(' '));
    let score = 0;
    for (const w of words) {
      if (title.some((t) => t === w)) score += 3;
      else if (title.some((t) => t.startsWith(w))) score += 2;
      else if (other.some((t) => t.startsWith(w))) score += 1;
      else return;
    }
    scored.push({ p, score, rank });
  });
  return scored.sort((a, b) => b.score - a.score || a.rank - b.rank).slice(0, limit).map((s) => s.p);
}
