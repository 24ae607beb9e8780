import type { Product } from '../types';

/** A product fragment from any source (page data, an event item, a server catalog page). */
export type ProductPatch = { id: string } & Partial<Product>;

const STRING_FIELDS = ['title', 'url', 'image', 'currency', 'brand'] as const;

/**
 * Merge a partial product into what is already known. Empty or malformed values in the patch
 * (blank strings, `NaN`, negative prices, empty arrays, ratings outside 0–5) never overwrite
 * good data, so a sparse `dataLayer` item cannot erase what JSON-LD told us.
 *
 * @example
 * mergeProduct({ id: 'p1', title: 'Pegasus 40', price: 120 }, { id: 'p1', title: '', price: 99 });
 * // → { id: 'p1', title: 'Pegasus 40', price: 99 }
 */
export function mergeProduct(base: Product | undefined, patch: ProductPatch): Product {
  const out: Product = base ? { ...base } : { id: patch.id };
  const p = patch as Record<string, unknown>;
  for (const key of STRING_FIELDS) {
    const v = cleanString(p[key]);
    if (v !== undefined) out[key] = v;
  }
  const price = cleanNumber(p.price, 0);
  if (price !== undefined) out.price = price;
  const listPrice = cleanNumber(p.listPrice, 0);
  if (listPrice !== undefined) out.listPrice = listPrice;
  const rating = cleanNumber(p.rating, 0, 5);
  if (rating !== undefined) out.rating = rating;
  const ratingCount = cleanNumber(p.ratingCount, 0);
  if (ratingCount !== undefined) out.ratingCount = Math.round(ratingCount);
  const stock = cleanNumber(p.stock, 0);
  if (stock !== undefined) out.stock = stock;
  const category = cleanStrings(p.category);
  if (category) out.category = category;
  const tags = cleanStrings(p.tags);
  if (tags) out.tags = base?.tags ? union(base.tags, tags) : tags;
  const regions = cleanStrings(p.regions);
  if (regions) out.regions = regions.map((r) => r.toUpperCase());
  if (typeof p.repeatable === 'boolean') out.repeatable = p.repeatable;
  return out;
}

/**
 * Keep only well-formed product fields from untrusted input (a server page, JSON-LD).
 * Returns `undefined` when there is no usable id.
 *
 * @example
 * sanitizeProduct({ id: 7, price: '12' }); // → { id: '7' }  (a price must be a number)
 */
export function sanitizeProduct(input: unknown): Product | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const raw = (input as { id?: unknown }).id;
  const id = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : cleanString(raw);
  if (!id) return undefined;
  return mergeProduct(undefined, { ...(input as Partial<Product>), id });
}

function cleanString(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s ? s : undefined;
}

function cleanNumber(v: unknown, min: number, max = Infinity): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined;
}

function cleanStrings(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const x of v) {
    const s = cleanString(x);
    if (s !== undefined) out.push(s);
  }
  return out.length ? out : undefined;
}

function union(a: string[], b: string[]): string[] {
  const seen = new Set(a);
  const out = a.slice();
  for (const x of b) if (!seen.has(x)) (seen.add(x), out.push(x));
  return out;
}
