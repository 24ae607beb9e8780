import { useEffect } from 'preact/hooks';
import { trackSearch } from '../app/analytics';
import { searchProducts, type Catalog } from '../app/catalog';
import { breadcrumbNode, itemListNode } from '../app/jsonld';
import { usePageMeta } from '../app/page-meta';
import { Breadcrumbs } from '../components/breadcrumbs';
import { ProductGrid } from '../components/product-grid';

/** Search results for `?q=`, reported as GA4 `search` and as a list of results. */
export function SearchPage({ catalog, query }: { catalog: Catalog; query: string }) {
  const results = searchProducts(catalog, query);
  const title = query ? `Results for “${query}”` : 'Search';
  const crumbs: [string, string][] = [['Home', '/'], [title, `/search?q=${encodeURIComponent(query)}`]];
  usePageMeta(title, () => [breadcrumbNode(crumbs), itemListNode('search', 'Search results', results)], `search|${query}`);
  useEffect(() => {
    if (query) trackSearch(query);
  }, [query]);
  return (
    <div class="page page--search">
      <Breadcrumbs crumbs={crumbs} />
      <h1>{title}</h1>
      {!query ? <p class="muted">Type what you are looking for in the search box above.</p> : null}
      {query && !results.length ? (
        <div class="empty">
          <p>Nothing matches “{query}”. Try a broader word, or browse a category:</p>
          <ul class="chips">
            {catalog.tree.map((c) => (
              <li key={c.slug}>
                <a class="chip" href={c.url}>
                  {c.name}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {results.length ? (
        <>
          <p class="muted listing-count">{results.length} products</p>
          <ProductGrid key={query} products={results} listId="search" listName="Search results" rank="on" />
        </>
      ) : null}
    </div>
  );
}
