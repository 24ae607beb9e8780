import { useEffect, useState } from 'preact/hooks';
import { trackCart, trackCartChange } from '../app/analytics';
import { setCoupon, setQuantity, useCart } from '../app/cart';
import type { Catalog } from '../app/catalog';
import { FREE_SHIPPING_FROM, formatPrice } from '../app/format';
import { breadcrumbNode } from '../app/jsonld';
import { usePageMeta } from '../app/page-meta';
import { pricedCart } from '../app/priced-cart';
import { navigate } from '../app/router';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Slot } from '../components/slot';
import { CartOffer } from '../widgets/cart-offer';
import '../widgets/jsx-elements';

const CRUMBS: [string, string][] = [['Home', '/'], ['Basket', '/cart']];

/** Basket: lines with quantity steppers, totals, the shopper's offer and coupon code, cart complements. */
export function CartPage({ catalog }: { catalog: Catalog }) {
  const cart = useCart();
  const { lines, subtotal, shipping, total } = pricedCart(cart, catalog);
  const [code, setCode] = useState(cart.coupon ?? '');
  usePageMeta('Basket', () => [breadcrumbNode(CRUMBS)], 'cart');
  useEffect(() => {
    if (lines.length) trackCart('view_cart', lines, subtotal, cart.coupon);
  }, []);
  const change = (id: string, from: number, to: number) => {
    const product = catalog.byId.get(id);
    setQuantity(id, to);
    if (product) trackCartChange(product, to - from);
  };
  const apply = (e: Event) => {
    e.preventDefault();
    setCoupon(code);
  };
  if (!lines.length) {
    return (
      <div class="page page--cart">
        <Breadcrumbs crumbs={CRUMBS} />
        <h1>Your basket</h1>
        <div class="empty">
          <p>Your basket is empty.</p>
          <a class="button" href="/">Continue shopping</a>
        </div>
        <Slot name="recently-viewed">
          <af-recently-viewed currency="GBP" limit={4} heading="Recently viewed" />
        </Slot>
      </div>
    );
  }
  return (
    <div class="page page--cart">
      <Breadcrumbs crumbs={CRUMBS} />
      <h1>Your basket</h1>
      <div class="cart">
        <ul class="cart__lines">
          {lines.map(({ product: p, quantity }) => (
            <li key={p.id} class="cart-line" data-product-id={p.id}>
              <img src={p.image} alt="" width={88} height={88} />
              <div class="cart-line__info">
                <a href={p.url}>{p.title}</a>
                <span class="muted">{formatPrice(p.price)} each</span>
              </div>
              <div class="stepper" role="group" aria-label={`Quantity of ${p.title}`}>
                <button type="button" aria-label="One less" onClick={() => change(p.id, quantity, quantity - 1)}>−</button>
                <span aria-live="polite">{quantity}</span>
                <button type="button" aria-label="One more" disabled={p.stock !== undefined && quantity >= p.stock} onClick={() => change(p.id, quantity, quantity + 1)}>+</button>
              </div>
              <strong class="cart-line__total">{formatPrice(p.price * quantity)}</strong>
              <button type="button" class="link-button" onClick={() => change(p.id, quantity, 0)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <aside class="summary" aria-label="Order summary">
          <h2>Summary</h2>
          <dl>
            <dt>Subtotal</dt>
            <dd>{formatPrice(subtotal)}</dd>
            <dt>Delivery</dt>
            <dd>{shipping ? formatPrice(shipping) : 'Free'}</dd>
            <dt class="summary__total">Total</dt>
            <dd class="summary__total">{formatPrice(total)}</dd>
          </dl>
          {shipping ? <p class="muted">Spend {formatPrice(FREE_SHIPPING_FROM - subtotal)} more for free delivery.</p> : null}
          <CartOffer onApply={(c) => (setCoupon(c), setCode(c))} />
          <form class="coupon-form" onSubmit={apply}>
            <label for="coupon">Coupon code</label>
            <div class="coupon-form__row">
              <input id="coupon" name="coupon" value={code} onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)} autoComplete="off" maxLength={200} />
              <button type="submit" class="button button--ghost">Apply</button>
            </div>
            {cart.coupon ? (
              <p class="notice" role="status">
                Code <strong>{cart.coupon}</strong> will be checked at checkout.{' '}
                <button type="button" class="link-button" onClick={() => (setCoupon(''), setCode(''))}>Remove</button>
              </p>
            ) : null}
          </form>
          <button type="button" class="button button--wide" onClick={() => navigate('/checkout')}>
            Checkout
          </button>
        </aside>
      </div>
      <Slot name="cart-complement" cartIds={lines.map((l) => l.product.id)}>
        <af-recommendations currency="GBP" strategy="cart-complement" limit={4} list-id="cart-complement" heading="Goes well with your basket" />
      </Slot>
    </div>
  );
}
