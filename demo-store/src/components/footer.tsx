import { STORE_NAME } from '../app/page-meta';

/** Site footer. */
export function Footer() {
  return (
    <footer class="site-footer">
      <div>
        <strong>{STORE_NAME}</strong>
        <p>A demo storefront for Affinity. Products and prices come from the UCI Online Retail data set (a UK gift wholesaler, 2010–2011).</p>
      </div>
      <ul>
        <li><a href="/account">Your account &amp; privacy</a></li>
        <li><a href="/cart">Basket</a></li>
        <li><a href="/search?q=christmas">Christmas shop</a></li>
      </ul>
      <p class="site-footer__small">Free UK delivery on orders over £30 · Prices include VAT</p>
    </footer>
  );
}
