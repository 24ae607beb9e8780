import type { Product } from '../types';

/** What a page's schema.org JSON-LD says about products. */
export interface JsonLdData {
  /** Products described on the page (a product page has one; a listing may describe many). */
  products: Product[];
  /** `ItemList`s in page order, each with its products in list order. */
  lists: { id?: string; name?: string; items: Product[] }[];
  /** The page's breadcrumb trail (names, broadest first), without the final product crumb. */
  breadcrumb?: string[];
  /** Scripts that could not be read, with the reason (for a development warning). */
  errors: string[];
}

type Node = Record<string, unknown>;

const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v == null ? [] : [v]);
const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (isObj(v)) return str(v.name) ?? str(v['@value']);
  if (Array.isArray(v)) return str(v[0]);
  return undefined;
};
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseFloat(v.replace(/[^0-9.\-]/g, '')) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
// schema.org types may be written `Product`, `schema:Product` or `https://schema.org/Product`.
const hasType = (n: Node, type: string): boolean =>
  asArray(n['@type']).some((t) => typeof t === 'string' && (t === type || t.endsWith(`/${type}`) || t.endsWith(`:${type}`)));

/** Category paths are written `A > B > C`, `A/B/C` or as an array. */
const categoryPath = (v: unknown): string[] | undefined => {
  const parts = Array.isArray(v)
    ? v.map(str).filter((s): s is string => !!s)
    : (str(v) ?? '').split(/\s*(?:>|\/|›|»)\s*/).filter(Boolean);
  return parts.length ? parts : undefined;
};

const OUT_OF_STOCK = /(OutOfStock|SoldOut|Discontinued)$/;

function offerOf(product: Node): Partial<Product> {
  const offers = asArray(product.offers).filter(isObj);
  if (!offers.length) return {};
  // AggregateOffer gives a range; the low price is what a shopper sees first.
  const o = offers[0]!;
  const price = num(o.price) ?? num(o.lowPrice) ?? num(isObj(o.priceSpecification) ? o.priceSpecification.price : undefined);
  const out: Partial<Product> = { price, currency: str(o.priceCurrency) };
  const list = num(isObj(o.priceSpecification) ? o.priceSpecification.referencePrice : undefined) ?? num(o.highPrice);
  if (list !== undefined && price !== undefined && list > price && !hasType(o, 'AggregateOffer')) out.listPrice = list;
  const availability = offers.map((x) => str(x.availability)).find(Boolean);
  if (availability && OUT_OF_STOCK.test(availability)) out.stock = 0;
  const inventory = num(isObj(o.inventoryLevel) ? o.inventoryLevel.value : o.inventoryLevel);
  if (inventory !== undefined) out.stock = inventory;
  return out;
}

function toProduct(n: Node): Product | undefined {
  const id = str(n.sku) ?? str(n.productID) ?? str(n.mpn) ?? str(n.gtin13) ?? str(n.gtin) ?? str(n['@id']) ?? str(n.url);
  if (!id) return undefined;
  const rating = isObj(n.aggregateRating) ? n.aggregateRating : undefined;
  const product: Product = {
    id,
    title: str(n.name),
    url: str(n.url),
    image: str(isObj(n.image) ? n.image.url : n.image),
    brand: str(n.brand),
    category: categoryPath(n.category),
    tags: typeof n.keywords === 'string' ? n.keywords.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    rating: rating ? num(rating.ratingValue) : undefined,
    ratingCount: rating ? num(rating.ratingCount) ?? num(rating.reviewCount) : undefined,
    ...offerOf(n),
  };
  // Drop undefined keys so merging never overwrites known data with nothing.
  for (const k of Object.keys(product) as (keyof Product)[]) if (product[k] === undefined) delete product[k];
  return product;
}

/** Flattens `@graph`, arrays and `mainEntity` nesting into one list of nodes. */
function collect(value: unknown, out: Node[], depth = 0): void {
  if (depth > 8) return;
  for (const v of asArray(value)) {
    if (!isObj(v)) continue;
    out.push(v);
    if (v['@graph']) collect(v['@graph'], out, depth + 1);
    if (v.mainEntity) collect(v.mainEntity, out, depth + 1);
  }
}

function listItems(list: Node): Product[] {
  const entries = asArray(list.itemListElement)
    .filter(isObj)
    .map((e, i) => ({ e, pos: num(e.position) ?? i + 1 }))
    .sort((a, b) => a.pos - b.pos);
  const items: Product[] = [];
  for (const { e } of entries) {
    const target = isObj(e.item) ? e.item : hasType(e, 'Product') ? e : undefined;
    const p = target ? toProduct(target) : str(e.url) ? { id: str(e.url)! , url: str(e.url) } : undefined;
    if (p) items.push(p);
  }
  return items;
}

/**
 * Reads schema.org data from JSON-LD script texts. Broken or hostile input is skipped and
 * reported in `errors`; this function never throws.
 *
 * @example
 * const texts = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent ?? '');
 * const { products, lists } = parseJsonLd(texts);
 */
export function parseJsonLd(texts: string[]): JsonLdData {
  const data: JsonLdData = { products: [], lists: [], errors: [] };
  const nodes: Node[] = [];
  texts.forEach((text, i) => {
    try {
      collect(JSON.parse(text), nodes);
    } catch (e) {
      data.errors.push(`JSON-LD script #${i + 1} is not valid JSON (${(e as Error).message}); skipped`);
    }
  });
  const inLists = new Set<Node>();
  for (const n of nodes) {
    if (hasType(n, 'ItemList')) {
      for (const e of asArray(n.itemListElement)) if (isObj(e) && isObj(e.item)) inLists.add(e.item);
      data.lists.push({ id: str(n['@id']) ?? str(n.identifier), name: str(n.name), items: listItems(n) });
    } else if (hasType(n, 'BreadcrumbList')) {
      const crumbs = asArray(n.itemListElement)
        .filter(isObj)
        .sort((a, b) => (num(a.position) ?? 0) - (num(b.position) ?? 0))
        .map((e) => str(e.name) ?? str(e.item))
        .filter((s): s is string => !!s && !/^https?:/.test(s));
      if (crumbs.length) data.breadcrumb = crumbs;
    }
  }
  for (const n of nodes) {
    if (!hasType(n, 'Product') && !hasType(n, 'ProductGroup')) continue;
    if (inLists.has(n)) continue;
    const p = toProduct(n);
    if (p) data.products.push(p);
    else data.errors.push('JSON-LD Product without sku, productID, @id or url; skipped');
  }
  // A breadcrumb is the best category path a product page offers when the product has none.
  if (data.breadcrumb && data.products.length === 1 && !data.products[0]!.category) {
    const crumbs = data.breadcrumb.filter((c) => !/^home$/i.test(c));
    const last = crumbs[crumbs.length - 1];
    const path = last && last === data.products[0]!.title ? crumbs.slice(0, -1) : crumbs;
    if (path.length) data.products[0]!.category = path;
  }
  return data;
}
