import { useEffect, useState } from 'preact/hooks';
import { trackCart, trackPurchase } from '../app/analytics';
import { clearCart, useCart } from '../app/cart';
import type { Catalog } from '../app/catalog';
import { useCustomer } from '../app/customer';
import { formatPrice } from '../app/format';
import { breadcrumbNode } from '../app/jsonld';
import { newTransactionId, saveOrder } from '../app/orders';
import { usePageMeta } from '../app/page-meta';
import { pricedCart } from '../app/priced-cart';
import { navigate } from '../app/router';
import { submitOrder } from '../app/shop-order';
import { Breadcrumbs } from '../components/breadcrumbs';

const CRUMBS: [string, string][] = [['Home', '/'], ['Basket', '/cart'], ['Checkout', '/checkout']];

/** Checkout: delivery form and order summary; placing the order asks the shop (coupon, points) and tracks `purchase`. */
export function CheckoutPage({ catalog }: { catalog: Catalog }) {
  const cart = useCart();
  const customer = useCustomer();
  const priced = pricedCart(cart, catalog);
  const [placing, setPlacing] = useState(false);
  usePageMeta('Checkout', () => [breadcrumbNode(CRUMBS)], 'checkout');
  useEffect(() => {
    if (priced.lines.length) trackCart('begin_checkout', priced.lines, priced.subtotal, cart.coupon);
  }, []);
  if (!priced.lines.length) {
    return (
      <div class="page page--checkout">
        <Breadcrumbs crumbs={CRUMBS} />
        <h1>Checkout</h1>
        <div class="empty">
          <p>There is nothing to check out.</p>
          <a class="button" href="/">Continue shopping</a>
        </div>
      </div>
    );
  }
  const place = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    if (!form.reportValidity() || placing) return;
    setPlacing(true);
    const id = newTransactionId();
    // The shop's backend prices the order, redeems the coupon and credits points.
    const shop = await submitOrder(id, priced.lines.map((l) => ({ id: l.product.id, quantity: l.quantity })), customer?.id, cart.coupon);
    const applied = shop?.coupon?.valid ? cart.coupon : undefined;
    const total = shop?.total ?? priced.total;
    const shipping = shop?.shipping ?? priced.shipping;
    trackPurchase(id, priced.lines, { value: total, shipping, tax: Math.round((total - total / 1.2) * 100) / 100 }, applied);
    saveOrder({
      id,
      placedAt: Date.now(),
      lines: priced.lines.map((l) => ({ id: l.product.id, quantity: l.quantity, title: l.product.title, price: l.product.price })),
      subtotal: priced.subtotal,
      shipping,
      total,
      ...(applied ? { coupon: applied, discount: shop!.discount } : {}),
      ...(cart.coupon && !applied ? { couponProblem: shop?.coupon?.error ?? 'The shop could not check your code, so it was not applied.' } : {}),
      ...(shop?.points ? { points: shop.points } : {}),
    });
    clearCart();
    navigate(`/order/${encodeURIComponent(id)}`);
  };
  return (
    <div class="page page--checkout">
      <Breadcrumbs crumbs={CRUMBS} />
      <h1>Checkout</h1>
      <div class="cart">
        <form class="checkout-form" onSubmit={place} noValidate>
          <fieldset>
            <legend>Delivery</legend>
            <label>
              Full name
              <input name="name" required autoComplete="name" defaultValue={customer?.name ?? ''} />
            </label>
            <label>
              E-mail
              <input name="email" type="email" required autoComplete="email" />
            </label>
            <label>
              Address
              <input name="address" required autoComplete="street-address" />
            </label>
            <div class="form-row">
              <label>
                Town
                <input name="town" required autoComplete="address-level2" />
              </label>
              <label>
                Postcode
                <input name="postcode" required autoComplete="postal-code" pattern="[A-Za-z0-9 ]{5,8}" />
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Payment</legend>
            <p class="muted">This is a demo store: no payment is taken and nothing is shipped. The details above stay in this page.</p>
          </fieldset>
          <button type="submit" class="button button--wide" disabled={placing} aria-busy={placing ? 'true' : 'false'}>
            Place order · {formatPrice(priced.total)}
          </button>
        </form>
        <aside class="summary" aria-label="Order summary">
          <h2>Your order</h2>
          <ul class="summary__lines">
            {priced.lines.map((l) => (
              <li key={l.product.id}>
                <span>
                  {l.quantity} × {l.product.title}
                </span>
                <span>{formatPrice(l.product.price * l.quantity)}</span>
              </li>
            ))}
          </ul>
          <dl>
            <dt>Subtotal</dt>
            <dd>{formatPrice(priced.subtotal)}</dd>
            <dt>Delivery</dt>
            <dd>{priced.shipping ? formatPrice(priced.shipping) : 'Free'}</dd>
            {cart.coupon ? (
              <>
                <dt>Coupon</dt>
                <dd>{cart.coupon}</dd>
              </>
            ) : null}
            <dt class="summary__total">Total</dt>
            <dd class="summary__total">{formatPrice(priced.total)}</dd>
          </dl>
          <p class="muted">Includes VAT of {formatPrice(priced.tax)}</p>
        </aside>
      </div>
    </div>
  );
}
