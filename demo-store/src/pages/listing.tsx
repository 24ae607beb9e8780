import { useState } from 'preact/hooks';
import { sortProducts, type SortOrder, type StoreProduct } from '../app/catalog';
import { breadcrumbNode, itemListNode } from '../app/jsonld';
import { usePageMeta } from '../app/page-meta';
import { navigate } from '../app/router';
import { Breadcrumbs } from '../components/breadcrumbs';
import { ProductGrid } from '../components/product-grid';

const PAGE_SIZE = 48;
const SORTS: [SortOrder, string][] = [
  ['featured', 'Featured'],
  ['price-asc', 'Price: low to high'],
  ['price-desc', 'Price: high to low'],
  ['rating', 'Top rated'],
  ['name', 'Name A–Z'],
];

/** Props of {@link ListingPage}. */
export interface ListingPageProps {
  title: string;
  intro?: string;
  /** GA4 / schema.org list id, e.g. `category:home/clocks`. */
  listId: string;
  products: readonly StoreProduct[];
  crumbs: [string, string][];
  /** Links shown above the grid (sub-categories). */
  links?: { name: string; url: string; count: number }[];
  /** Current sort (from `?sort=`). */
  sort: SortOrder;
}

/**
 * A product listing (category, collection): breadcrumbs, sub-category links, sort, and a grid in
 * the merchant's order by default, re-ranked for the shopper by `<af-ranked-list>`.
 */
export function ListingPage({ title, intro, listId, products, crumbs, links, sort }: ListingPageProps) {
  const [shown, setShown] = useState(PAGE_SIZE);
  const sorted = sortProducts(products, sort);
  const visible = sorted.slice(0, shown);
  usePageMeta(title, () => [breadcrumbNode(crumbs), itemListNode(listId, title, visible)], `${listId}|${sort}|${visible.length}`);
  const onSort = (e: Event) => {
    const value = (e.currentTarget as HTMLSelectElement).value;
    navigate(`${location.pathname}${value === 'featured' ? '' : `?sort=${value}`}`, { replace: true });
  };
  return (
    <div class="page page--listing">
      <Breadcrumbs crumbs={crumbs} />
      <header class="listing-header">
        <div>
          <h1>{title}</h1>
          {intro ? <p class="muted">{intro}</p> : null}
        </div>
        <label class="sort">
          Sort by{' '}
          <select value={sort} onChange={onSort}>
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {links?.length ? (
        <ul class="chips">
          {links.map((l) => (
            <li key={l.url}>
              <a class="chip" href={l.url}>
                {l.name} <span class="muted">{l.count}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <p class="muted listing-count">
        Showing {visible.length} of {sorted.length} products
      </p>
      {/* A sort the shopper chose is theirs: personal ranking only re-orders "Featured". */}
      <ProductGrid key={sort} products={visible} listId={listId} listName={title} rank={sort === 'featured' ? 'on' : 'off'} />
      {shown < sorted.length ? (
        <div class="more">
          <button type="button" class="button button--ghost" onClick={() => setShown(shown + PAGE_SIZE)}>
            Show more
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The sort order named in a query string (`?sort=price-asc`); anything else is `featured`. */
export function sortFrom(search: string): SortOrder {
  const s = new URLSearchParams(search).get('sort');
  return SORTS.some(([v]) => v === s) ? (s as SortOrder) : 'featured';
}
