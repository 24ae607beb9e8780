import type { Catalog } from '../app/catalog';
import { itemListNode, websiteNode } from '../app/jsonld';
import { STORE_NAME, usePageMeta } from '../app/page-meta';
import { ProductGrid } from '../components/product-grid';
import { Slot } from '../components/slot';
import { FEATURED_SALE_PRODUCT } from '../widgets/featured-sale';
import '../widgets/jsx-elements';

/** Home: hero, the flash-sale banner, a targeted coupon, for-you, categories, best sellers, trending. */
export function HomePage({ catalog }: { catalog: Catalog }) {
  const best = catalog.products.slice(0, 8);
  const heroPicks = catalog.products.slice(0, 3);
  usePageMeta('', () => [websiteNode(STORE_NAME), itemListNode('home:best-sellers', 'Best sellers', best)], 'home');
  return (
    <div class="page page--home">
      <section class="hero">
        <div class="hero__text">
          <p class="eyebrow">New season · free delivery over £30</p>
          <h1>Homeware &amp; gifts with a story</h1>
          <p>Over {catalog.products.length.toLocaleString('en-GB')} designs for the kitchen, the home and every celebration — from Regency teacups to Retrospot lunch bags.</p>
          <div class="hero__actions">
            {catalog.tree.slice(0, 1).map((c) => (
              <a key={c.slug} class="button" href={c.url}>
                Shop {c.name}
              </a>
            ))}
            <a class="button button--ghost" href="/c/christmas">Christmas shop</a>
          </div>
        </div>
        <div class="hero__art" aria-hidden="true">
          {heroPicks.map((p) => (
            <img key={p.id} src={p.image} alt="" width={180} height={180} />
          ))}
        </div>
      </section>

      <Slot name="flash-sale" productId={FEATURED_SALE_PRODUCT} height={256}>
        <p class="slot-heading">
          Flash sale · <a href={`/product/${FEATURED_SALE_PRODUCT}`}>{catalog.byId.get(FEATURED_SALE_PRODUCT)?.title ?? 'see the product'}</a>
        </p>
        <af-flash-sale currency="GBP" product-id={FEATURED_SALE_PRODUCT} />
      </Slot>
      <Slot name="coupon">
        <af-coupon currency="GBP" limit={1} heading="An offer for you" />
      </Slot>
      <Slot name="for-you">
        <af-recommendations currency="GBP" strategy="for-you" limit={4} list-id="home-for-you" heading="Picked for you" show-reason />
      </Slot>

      <section class="section">
        <h2>Shop by category</h2>
        <ul class="category-tiles">
          {catalog.tree.slice(0, 8).map((c) => {
            const lead = catalog.products.find((p) => p.category[0] === c.name);
            return (
              <li key={c.slug}>
                <a class="category-tile" href={c.url}>
                  {lead ? <img src={lead.image} alt="" width={120} height={120} loading="lazy" /> : null}
                  <span class="category-tile__name">{c.name}</span>
                  <span class="category-tile__count">{c.count} products</span>
                </a>
              </li>
            );
          })}
        </ul>
      </section>

      <section class="section">
        <h2>Best sellers</h2>
        <ProductGrid products={best} listId="home:best-sellers" listName="Best sellers" />
      </section>

      <Slot name="trending">
        <af-recommendations currency="GBP" strategy="trending" limit={4} list-id="home-trending" heading="Trending now" />
      </Slot>
    </div>
  );
}
