import type { StoreProduct } from './catalog';

/**
 * schema.org JSON-LD for the store's pages. One `<script type="application/ld+json">` in the
 * head holds the current page's graph; client-side navigation replaces its `textContent`
 * (never innerHTML), so crawlers and Affinity always read the page the shopper is on.
 */
type Node = Record<string, unknown>;

const SCRIPT_ID = 'page-jsonld';

/** Absolute URL for a store path (schema.org wants absolute URLs). */
const abs = (path: string) => new URL(path, location.origin).href;

/**
 * A schema.org `Product` with its offer and rating.
 *
 * @example productNode(p) // { '@type': 'Product', sku: '85123A', offers: { price: 2.95, … }, … }
 */
export function productNode(p: StoreProduct): Node {
  const node: Node = {
    '@type': 'Product',
    '@id': abs(p.url),
    sku: p.id,
    productID: p.id,
    name: p.title,
    url: abs(p.url),
    image: abs(p.image),
    category: p.category.join(' > '),
    offers: {
      '@type': 'Offer',
      price: p.price.toFixed(2),
      priceCurrency: p.currency ?? 'GBP',
      availability: p.stock === 0 ? 'https://schema.org/OutOfStock' : 'https://schema.org/InStock',
      ...(p.stock !== undefined ? { inventoryLevel: { '@type': 'QuantitativeValue', value: p.stock } } : {}),
      url: abs(p.url),
    },
  };
  if (p.brand) node.brand = { '@type': 'Brand', name: p.brand };
  if (p.tags?.length) node.keywords = p.tags.join(', ');
  if (p.rating !== undefined && p.ratingCount) node.aggregateRating = { '@type': 'AggregateRating', ratingValue: p.rating, ratingCount: p.ratingCount, bestRating: 5 };
  return node;
}

/**
 * A schema.org `ItemList` of products in display order.
 *
 * @example itemListNode('category:home', 'Home', products)
 */
export function itemListNode(id: string, name: string, products: readonly StoreProduct[]): Node {
  return {
    '@type': 'ItemList',
    '@id': id,
    name,
    numberOfItems: products.length,
    itemListElement: products.map((p, i) => ({ '@type': 'ListItem', position: i + 1, item: productNode(p) })),
  };
}

/**
 * A schema.org `BreadcrumbList`; `crumbs` are `[name, path]` pairs, broadest first.
 *
 * @example breadcrumbNode([['Home', '/'], ['Kitchen', '/c/kitchen']])
 */
export function breadcrumbNode(crumbs: readonly (readonly [string, string])[]): Node {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map(([name, path], i) => ({ '@type': 'ListItem', position: i + 1, name, item: abs(path) })),
  };
}

/** The site itself, with its search action (the home page's graph). */
export function websiteNode(name: string): Node {
  return {
    '@type': 'WebSite',
    name,
    url: abs('/'),
    potentialAction: { '@type': 'SearchAction', target: `${abs('/search')}?q={search_term_string}`, 'query-input': 'required name=search_term_string' },
  };
}

/**
 * Replaces the page's JSON-LD with `nodes` (as one `@graph`). Creates the script element on first
 * use; only ever sets its text.
 *
 * @example setPageJsonLd([productNode(p), breadcrumbNode(crumbs)])
 */
export function setPageJsonLd(nodes: readonly Node[], doc: Document = document): void {
  let script = doc.getElementById(SCRIPT_ID) as HTMLScriptElement | null;
  if (!script) {
    script = doc.createElement('script');
    script.type = 'application/ld+json';
    script.id = SCRIPT_ID;
    doc.head.appendChild(script);
  }
  // JSON cannot close the script when set as text, but escaping "<" keeps the markup safe to
  // copy into server-rendered HTML as well.
  script.textContent = JSON.stringify({ '@context': 'https://schema.org', '@graph': nodes }).replace(/</g, '\\u003c');
}
