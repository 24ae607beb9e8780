import { useEffect, useState } from 'preact/hooks';
import { ConsentBanner } from '../components/consent-banner';
import { Footer } from '../components/footer';
import { Header } from '../components/header';
import { AccountPage } from '../pages/account';
import { CartPage } from '../pages/cart';
import { CheckoutPage } from '../pages/checkout';
import { HomePage } from '../pages/home';
import { ListingPage, sortFrom } from '../pages/listing';
import { NotFoundPage } from '../pages/not-found';
import { OrderPage } from '../pages/order';
import { ProductPage } from '../pages/product';
import { SearchPage } from '../pages/search';
import { QaToggle } from '../qa/qa-toggle';
import { findCategory, inCategory, indexCatalog, type Catalog } from './catalog';
import { parseRoute, useLocation, type Route } from './router';

/** Where the catalog is served from (built by `demo-store/scripts/build-catalog.ts`). */
export const CATALOG_URL = '/catalog.json';

/** Loads the catalog once; `error` says what went wrong in words a QA engineer can act on. */
function useCatalog(url: string): { catalog?: Catalog; error?: string } {
  const [state, setState] = useState<{ catalog?: Catalog; error?: string }>({});
  useEffect(() => {
    fetch(url)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${url} answered ${r.status}`))))
      .then((raw: unknown) => setState({ catalog: indexCatalog(raw) }))
      .catch((e: Error) => setState({ error: `The catalog could not be loaded (${e.message}). Build it with \`npx tsx demo-store/scripts/build-catalog.ts\`.` }));
  }, [url]);
  return state;
}

function Page({ route, catalog }: { route: Route; catalog: Catalog }) {
  const search = location.search;
  switch (route.name) {
    case 'home':
      return <HomePage catalog={catalog} />;
    case 'category': {
      const node = findCategory(catalog, route.slugs);
      if (!node) return <NotFoundPage what="category" />;
      const crumbs: [string, string][] = [['Home', '/']];
      let url = '/c';
      for (const [i, name] of node.path.entries()) crumbs.push([name, (url += `/${route.slugs[i]}`)]);
      return (
        <ListingPage
          key={node.url}
          title={node.name}
          intro={node.path.length > 1 ? node.path.join(' › ') : `${node.count} products`}
          listId={`category:${node.path.join(' > ')}`}
          products={inCategory(catalog, node.path)}
          crumbs={crumbs}
          links={node.children.map((c) => ({ name: c.name, url: c.url, count: c.count }))}
          sort={sortFrom(search)}
        />
      );
    }
    case 'collection': {
      const c = catalog.collections.find((x) => x.slug === route.slug);
      if (!c) return <NotFoundPage what="collection" />;
      return (
        <ListingPage
          key={c.slug}
          title={`${c.name} collection`}
          intro={`${c.count} products`}
          listId={`collection:${c.name}`}
          products={catalog.products.filter((p) => p.brand === c.name)}
          crumbs={[['Home', '/'], [`${c.name} collection`, `/collection/${c.slug}`]]}
          sort={sortFrom(search)}
        />
      );
    }
    case 'search':
      return <SearchPage key={route.query} catalog={catalog} query={route.query} />;
    case 'product': {
      const product = catalog.byId.get(route.id);
      return product ? <ProductPage key={product.id} catalog={catalog} product={product} /> : <NotFoundPage what="product" />;
    }
    case 'cart':
      return <CartPage catalog={catalog} />;
    case 'checkout':
      return <CheckoutPage catalog={catalog} />;
    case 'order':
      return <OrderPage id={route.id} />;
    case 'account':
      return <AccountPage />;
    default:
      return <NotFoundPage />;
  }
}

/**
 * The storefront: header, the page for the current URL, footer.
 *
 * @example render(<App />, document.getElementById('app')!)
 */
export function App({ catalogUrl = CATALOG_URL }: { catalogUrl?: string }) {
  const href = useLocation();
  const { catalog, error } = useCatalog(catalogUrl);
  const route = parseRoute(location.pathname, location.search);
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <Header catalog={catalog} query={route.name === 'search' ? route.query : ''} />
      <main id="main" data-route={route.name} key={href.split('?')[0]}>
        {catalog ? <Page route={route} catalog={catalog} /> : error ? <p class="error" role="alert">{error}</p> : <div class="loading" aria-busy="true">Loading the shop…</div>}
      </main>
      <Footer />
      <ConsentBanner />
      <QaToggle />
    </>
  );
}
