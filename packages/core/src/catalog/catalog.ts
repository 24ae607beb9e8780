import { atom, type ReadableAtom } from 'nanostores';
import type { Item, Product } from '../types';
import { mergeProduct, sanitizeProduct, type ProductPatch } from './merge-product';
import { productFromItem } from './product-from-item';

/** What the profile and the ranker need from a catalog: a lookup by id. */
export interface ProductLookup {
  get(id: string): Product | undefined;
}

/** The products this page knows about, merged from every source. */
export interface Catalog extends ProductLookup {
  /** Merge one partial product; returns the merged result. */
  merge(patch: ProductPatch): Product;
  /** Merge event items (GA4 fields); ignores items without an id. */
  mergeItems(items: readonly Item[] | undefined): void;
  /**
   * Merge a page of untrusted products (server catalog, JSON-LD). Malformed entries are
   * skipped and counted rather than thrown, so one bad row never loses the rest.
   */
  mergePage(products: readonly unknown[]): { merged: number; skipped: number };
  has(id: string): boolean;
  all(): Product[];
  readonly size: number;
  /** Bumps on every change, for renderers that want to re-read. */
  readonly $version: ReadableAtom<number>;
}

/**
 * Create an in-memory catalog.
 *
 * @example
 * const catalog = createCatalog();
 * catalog.mergeItems(event.data.items);             // from a GA4 push
 * catalog.merge({ id: 'p1', rating: 4.6, ratingCount: 120 }); // from JSON-LD
 * catalog.get('p1');
 */
export function createCatalog(initial: readonly Product[] = []): Catalog {
  const products = new Map<string, Product>();
  const $version = atom(0);
  const put = (patch: ProductPatch): Product => {
    const merged = mergeProduct(products.get(patch.id), patch);
    products.set(patch.id, merged);
    return merged;
  };
  const bump = () => $version.set($version.get() + 1);
  for (const p of initial) {
    const clean = sanitizeProduct(p);
    if (clean) put(clean);
  }
  return {
    get: (id) => products.get(id),
    has: (id) => products.has(id),
    all: () => Array.from(products.values()),
    get size() {
      return products.size;
    },
    $version,
    merge(patch) {
      const merged = put(patch);
      bump();
      return merged;
    },
    mergeItems(items) {
      if (!Array.isArray(items) || items.length === 0) return;
      let changed = false;
      for (const item of items) {
        if (!item || (typeof item.item_id !== 'string' && typeof item.item_id !== 'number')) continue;
        if (item.item_id === '') continue;
        put(productFromItem(item));
        changed = true;
      }
      if (changed) bump();
    },
    mergePage(list) {
      let merged = 0;
      let skipped = 0;
      for (const raw of Array.isArray(list) ? list : []) {
        const clean = sanitizeProduct(raw);
        if (clean) (put(clean), merged++);
        else skipped++;
      }
      if (merged) bump();
      return { merged, skipped };
    },
  };
}
