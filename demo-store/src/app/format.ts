const GBP = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/**
 * A price for display.
 *
 * @example formatPrice(2.95) // '£2.95'
 */
export function formatPrice(value: number): string {
  return GBP.format(value);
}

/** Orders of £30 or more ship free. */
export const FREE_SHIPPING_FROM = 30;
/** Flat delivery charge below {@link FREE_SHIPPING_FROM}. */
export const SHIPPING_RATE = 3.95;

/** Totals of a cart subtotal: shipping, VAT contained in the price (20 %), grand total. */
export function totals(subtotal: number): { subtotal: number; shipping: number; tax: number; total: number } {
  const shipping = subtotal === 0 || subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_RATE;
  const total = Math.round((subtotal + shipping) * 100) / 100;
  const tax = Math.round((total - total / 1.2) * 100) / 100;
  return { subtotal: Math.round(subtotal * 100) / 100, shipping, tax, total };
}
