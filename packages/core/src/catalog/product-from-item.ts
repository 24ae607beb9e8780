import type { Item, Product } from '../types';

// GA4 lets a site put the whole path in item_category ("Apparel/Shoes/Running"), or split it
// over item_category..item_category5; both shapes are common in the wild.
const PATH_SEPARATOR = /\s*(?:>|\/|\|)\s*/;

/**
 * The category path of a GA4 item, broadest first.
 *
 * @example
 * categoryFromItem({ item_id: 'a', item_category: 'Shoes', item_category2: 'Running' });
 * // → ['Shoes', 'Running']
 */
export function categoryFromItem(item: Item): string[] | undefined {
  const path: string[] = [];
  addPathParts(path, item.item_category);
  addPathParts(path, item.item_category2);
  addPathParts(path, item.item_category3);
  addPathParts(path, item.item_category4);
  addPathParts(path, item.item_category5);
  return path.length ? path : undefined;
}

function addPathParts(path: string[], part: unknown): void {
  if (typeof part !== 'string') return;
  // Most parts are one level: skip the regex split (the costliest step of a profile rebuild).
  if (part.indexOf('>') < 0 && part.indexOf('/') < 0 && part.indexOf('|') < 0) {
    const s = part.trim();
    if (s) path.push(s);
    return;
  }
  for (const piece of part.split(PATH_SEPARATOR)) {
    const s = piece.trim();
    if (s) path.push(s);
  }
}

/**
 * Turn a GA4 e-commerce item into a (partial) product. `discount` becomes a list price so the
 * profile can tell discounted items apart.
 *
 * @example
 * productFromItem({ item_id: 'p1', item_name: 'Pegasus 40', item_brand: 'Nike', price: 99, discount: 21 });
 * // → { id: 'p1', title: 'Pegasus 40', brand: 'Nike', price: 99, listPrice: 120 }
 */
export function productFromItem(item: Item): Product {
  const p: Product = { id: String(item.item_id) };
  if (typeof item.item_name === 'string' && item.item_name.trim()) p.title = item.item_name.trim();
  if (typeof item.item_brand === 'string' && item.item_brand.trim()) p.brand = item.item_brand.trim();
  const category = categoryFromItem(item);
  if (category) p.category = category;
  if (typeof item.price === 'number' && Number.isFinite(item.price) && item.price >= 0) {
    p.price = item.price;
    if (typeof item.discount === 'number' && item.discount > 0 && Number.isFinite(item.discount)) {
      p.listPrice = item.price + item.discount;
    }
  }
  if (typeof item.currency === 'string' && item.currency) p.currency = item.currency;
  return p;
}
