import type { PricedLine } from './analytics';
import type { Cart } from './cart';
import type { Catalog } from './catalog';
import { totals } from './format';

/**
 * The cart's lines joined with the catalog (products no longer sold are left out) and its totals.
 *
 * @example const { lines, total } = pricedCart(cart, catalog);
 */
export function pricedCart(cart: Cart, catalog: Catalog): { lines: PricedLine[] } & ReturnType<typeof totals> {
  const lines = cart.lines.flatMap((l) => {
    const product = catalog.byId.get(l.id);
    return product ? [{ product, quantity: l.quantity }] : [];
  });
  return { lines, ...totals(lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0)) };
}
