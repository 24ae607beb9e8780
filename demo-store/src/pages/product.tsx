import { useEffect, useState } from 'preact/hooks';
import { trackCartChange, trackView } from '../app/analytics';
import { quantityOf, setQuantity, useCart } from '../app/cart';
import type { Catalog, StoreProduct } from '../app/catalog';
import { breadcrumbNode, productNode } from '../app/jsonld';
import { usePageMeta } from '../app/page-meta';
import { slugify } from '../app/slug';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Price } from '../components/price';
import { Rating } from '../components/rating';
import { Slot } from '../components/slot';
import { FEATURED_SALE_PRODUCT } from '../widgets/featured-sale';
import { HookRecommendations } from '../widgets/hook-recommendations';
import '../widgets/jsx-elements';

/** Breadcrumb trail of a product: Home › category › sub-category › product. */
export function productCrumbs(p: StoreProduct): [string, string][] {
  const crumbs: [string, string][] = [['Home', '/']];
  let url = '/c';
  for (const c of p.category) {
    url += `/${slugify(c)}`;
    crumbs.push([c, url]);
  }
  crumbs.push([p.title, p.url]);
  return crumbs;
}

function stockText(stock: number | undefined): string {
  if (stock === undefined) return 'In stock';
  if (stock === 0) return 'Out of stock';
  if (stock <= 5) return `Only ${stock} left`;
  return 'In stock';
}

/** Product page: picture, details, add to basket, and the widget slots around the product. */
export function ProductPage({ catalog, product: p }: { catalog: Catalog; product: StoreProduct }) {
  const [quantity, setQty] = useState(1);
  const cart = useCart();
  const inCart = quantityOf(p.id, cart);
  const crumbs = productCrumbs(p);
  usePageMeta(p.title, () => [productNode(p), breadcrumbNode(crumbs)], p.id);
  useEffect(() => {
    trackView(p);
    setQty(1);
  }, [p.id]);
  const soldOut = p.stock === 0;
  const max = Math.max(1, Math.min(p.stock ?? 99, 99));
  const add = (e: Event) => {
    e.preventDefault();
    const q = Math.min(quantity, max);
    setQuantity(p.id, inCart + q);
    trackCartChange(p, q);
  };
  return (
    <div class="page page--product">
      <Breadcrumbs crumbs={crumbs} />
      <div class="product">
        <div class="product__media">
          <img src={p.image} alt={p.title} width={480} height={480} />
        </div>
        <div class="product__info">
          {p.brand && p.brand !== 'Essentials' ? (
            <a class="product__brand" href={`/collection/${slugify(p.brand)}`}>
              {p.brand} collection
            </a>
          ) : null}
          <h1>{p.title}</h1>
          <Rating value={p.rating} count={p.ratingCount} />
          <p class="product__price">
            <Price value={p.price} listPrice={p.listPrice} />
          </p>
          {/* The element renders nothing unless a sale for this product is running or coming; space is
              reserved only where the merchant runs one (a reserved box next to every price would be noise). */}
          <Slot name="flash-sale" productId={p.id} height={p.id === FEATURED_SALE_PRODUCT ? undefined : 0}>
            <af-flash-sale currency="GBP" key={p.id} product-id={p.id} />
          </Slot>
          <form class="product__buy" onSubmit={add}>
            <label>
              Quantity{' '}
              <input type="number" min={1} max={max} value={quantity} onInput={(e) => setQty(Math.max(1, Math.min(max, Number((e.currentTarget as HTMLInputElement).value) || 1)))} disabled={soldOut} />
            </label>
            <button type="submit" class="button" disabled={soldOut}>
              {soldOut ? 'Sold out' : 'Add to basket'}
            </button>
          </form>
          <p class={soldOut ? 'stock stock--out' : 'stock'}>{stockText(p.stock)}</p>
          {/* Shares this product with a referral link; a friend opening it gets the welcome code. */}
          <af-share key={p.id} product-id={p.id} label="Share with a friend" />
          {inCart ? (
            <p class="notice" role="status">
              {inCart} in your basket · <a href="/cart">View basket</a>
            </p>
          ) : null}
          <dl class="product__facts">
            <dt>Category</dt>
            <dd>{p.category.join(' › ')}</dd>
            <dt>Product code</dt>
            <dd>{p.id}</dd>
            {p.tags?.length ? (
              <>
                <dt>Details</dt>
                <dd>{p.tags.join(', ')}</dd>
              </>
            ) : null}
          </dl>
        </div>
      </div>
      {/* The Preact-hooks integration path (the rest of the store uses the elements). */}
      <Slot name="bought-together" productId={p.id}>
        <HookRecommendations catalog={catalog} strategy="bought-together" anchor={p.id} heading="Often bought together" />
      </Slot>
      <Slot name="related" productId={p.id}>
        <HookRecommendations catalog={catalog} strategy="related" anchor={p.id} heading="You may also like" />
      </Slot>
      <Slot name="next" productId={p.id}>
        <HookRecommendations catalog={catalog} strategy="next" anchor={p.id} heading="Shoppers went on to view" />
      </Slot>
    </div>
  );
}
