import type { Product } from '../types';
import type { RecommendContext } from './types';

/**
 * Whether an item may be shown: not the anchor, not in the cart, not bought before unless the
 * product is repeatable, not out of stock (`stock === 0`), and known to the catalog when there
 * is one (a widget must be able to render it).
 *
 * @example const ok = makeFilter(ctx); ok('p1') // false when p1 is in the cart
 */
export function makeFilter(ctx: RecommendContext, keepViewedAnchor = false): (id: string) => boolean {
  const cart = new Set(ctx.cart ?? []);
  const bought = new Set(ctx.bought ?? []);
  return (id) => {
    if (!keepViewedAnchor && id === ctx.anchor) return false;
    if (cart.has(id)) return false;
    const p: Product | undefined = ctx.catalog?.get(id);
    if (ctx.catalog && !p) return false;
    if (p?.stock === 0) return false;
    if (bought.has(id) && !p?.repeatable) return false;
    return true;
  };
}
